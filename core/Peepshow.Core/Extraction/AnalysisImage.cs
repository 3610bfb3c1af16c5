namespace Peepshow.Core.Extraction;

/// <summary>
/// A tiny YUV 4:2:0 picture of one sampled frame (384×224 for 1280×720 output). Big enough that
/// a changed word on a slide moves a block's average by far more than compression noise, small enough
/// that comparing two is cheap and nothing is kept beyond a short window.
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
