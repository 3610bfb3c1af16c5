namespace Peepshow.Core.Extraction;

/// <summary>
/// Analysis picture dimensions: multiples of the block size, the frame's aspect kept, about a tenth of the
/// output frame's pixels (so a digit that changes on a 1280×720 slide still spans several analysis
/// pixels), never less than 256×144 worth nor more than 384×216 worth.
/// </summary>
public readonly record struct AnalysisSize(int Width, int Height)
{
    private const double MinPixels = 256 * 144;
    private const double MaxPixels = 384 * 216;

    public int ChromaWidth => Width / 2;

    public int ChromaHeight => Height / 2;

    /// <summary>Bytes of one raw yuv420p frame.</summary>
    public int FrameBytes => Width * Height + 2 * ChromaWidth * ChromaHeight;

    public int CellsX => Width / AnalysisImage.CellSize;

    public int CellsY => Height / AnalysisImage.CellSize;

    /// <summary>Overlapping blocks across: one per cell position but the last.</summary>
    public int BlocksX => CellsX - 1;

    public int BlocksY => CellsY - 1;

    public int BlockCount => BlocksX * BlocksY;

    /// <summary>The analysis size for frames written at <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static AnalysisSize For(int width, int height)
    {
        if (width <= 0 || height <= 0)
            return new AnalysisSize(256, 144);
        var aspect = Math.Clamp(width / (double)height, 0.25, 4.0);
        var pixels = Math.Clamp(width * (double)height / 10, MinPixels, MaxPixels);
        var w = Math.Sqrt(pixels * aspect);
        var h = w / aspect;
        return new AnalysisSize(RoundToBlock(w), RoundToBlock(h));
    }

    private static int RoundToBlock(double value) =>
        Math.Max(2, (int)Math.Round(value / AnalysisImage.BlockSize)) * AnalysisImage.BlockSize;
}
