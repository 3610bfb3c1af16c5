namespace Peepshow.Core.Extraction;

/// <summary>
/// The sizes of one run: frames are written at <see cref="Width"/>×<see cref="Height"/> (display aspect kept,
/// width capped by <c>--width</c>, never upscaled, even sides) and analysed at <see cref="Analysis"/>.
/// Every source and every extraction path sizes its pictures from this one record.
/// </summary>
public sealed record FrameGeometry(int Width, int Height, AnalysisSize Analysis)
{
    public static FrameGeometry For(int sourceWidth, int sourceHeight, int maxWidth)
    {
        var (w, h) = (Math.Max(2, sourceWidth), Math.Max(2, sourceHeight));
        var width = Math.Max(2, Math.Min(w, maxWidth) / 2 * 2);
        var height = Math.Max(2, (int)Math.Round(h * (double)width / w / 2) * 2);
        return new FrameGeometry(width, height, AnalysisSize.For(width, height));
    }
}
