namespace Peepshow.Core.Extraction;

/// <summary>
/// A tiny YUV 4:2:0 picture streamed from the analysis decode (384×208 for 1280×720 output). Big enough that
/// a changed word on a slide moves a block's average by far more than compression noise, small enough
/// that a minute of video is a few megabytes through the pipe and nothing is kept beyond a short window.
/// </summary>
public sealed class AnalysisImage
{
    /// <summary>
    /// Side of a comparison block in luma pixels (chroma blocks are half that). Blocks overlap by half:
    /// they are 2×2 groups of <see cref="CellSize"/> cells at every cell position, so a change smaller than
    /// a cell always lies wholly inside some block instead of being split across four.
    /// </summary>
    public const int BlockSize = 16;

    public const int CellSize = BlockSize / 2;

    public AnalysisImage(AnalysisSize size)
    {
        Size = size;
        Y = new byte[size.Width * size.Height];
        U = new byte[size.ChromaWidth * size.ChromaHeight];
        V = new byte[size.ChromaWidth * size.ChromaHeight];
    }

    public AnalysisSize Size { get; }

    public byte[] Y { get; }

    public byte[] U { get; }

    public byte[] V { get; }

    /// <summary>Reads one raw yuv420p frame as ffmpeg writes it (planes back to back).</summary>
    public static AnalysisImage FromRaw(AnalysisSize size, ReadOnlySpan<byte> raw)
    {
        var image = new AnalysisImage(size);
        raw[..image.Y.Length].CopyTo(image.Y);
        raw.Slice(image.Y.Length, image.U.Length).CopyTo(image.U);
        raw.Slice(image.Y.Length + image.U.Length, image.V.Length).CopyTo(image.V);
        return image;
    }
}

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
