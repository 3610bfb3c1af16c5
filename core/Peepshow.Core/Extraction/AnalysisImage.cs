namespace Peepshow.Core.Extraction;

/// <summary>
/// A tiny YUV 4:2:0 picture streamed from the analysis decode (about 256×144 for 16:9). Big enough that
/// a changed word on a slide moves a block's average by far more than compression noise, small enough
/// that a minute of video is a few megabytes through the pipe and nothing is kept beyond a short window.
/// </summary>
public sealed class AnalysisImage
{
    /// <summary>Side of a comparison block in luma pixels (chroma blocks are half that).</summary>
    public const int BlockSize = 16;

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

/// <summary>Analysis picture dimensions: multiples of the block size, about 256×144 worth of pixels, source aspect kept.</summary>
public readonly record struct AnalysisSize(int Width, int Height)
{
    private const double TargetPixels = 256 * 144;

    public int ChromaWidth => Width / 2;

    public int ChromaHeight => Height / 2;

    /// <summary>Bytes of one raw yuv420p frame.</summary>
    public int FrameBytes => Width * Height + 2 * ChromaWidth * ChromaHeight;

    public int BlocksX => Width / AnalysisImage.BlockSize;

    public int BlocksY => Height / AnalysisImage.BlockSize;

    public int BlockCount => BlocksX * BlocksY;

    public static AnalysisSize For(int sourceWidth, int sourceHeight)
    {
        if (sourceWidth <= 0 || sourceHeight <= 0)
            return new AnalysisSize(256, 144);
        var aspect = Math.Clamp(sourceWidth / (double)sourceHeight, 0.25, 4.0);
        var width = Math.Sqrt(TargetPixels * aspect);
        var height = width / aspect;
        return new AnalysisSize(RoundToBlock(width), RoundToBlock(height));
    }

    private static int RoundToBlock(double value) =>
        Math.Max(2, (int)Math.Round(value / AnalysisImage.BlockSize)) * AnalysisImage.BlockSize;
}
