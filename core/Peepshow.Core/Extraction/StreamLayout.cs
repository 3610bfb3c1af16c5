using Peepshow.Core.Media;

namespace Peepshow.Core.Extraction;

/// <summary>
/// The raw frame the analysis decode writes. With <see cref="CarriesOutputPicture"/>: the picture at output
/// size, planar, from which the analysis picture is shrunk here (<see cref="AreaScaler"/>) and which goes
/// to the candidate encoder as it is when kept. Otherwise just the analysis picture, shrunk by ffmpeg.
/// Not thread-safe: one reader turns frames into analysis pictures, in order.
/// </summary>
internal sealed class StreamLayout
{
    private readonly AreaScaler? _luma;
    private readonly AreaScaler? _chroma;

    public StreamLayout(FrameGeometry geometry, string pixelFormat, bool carriesOutputPicture)
    {
        (Geometry, PixelFormat, CarriesOutputPicture) = (geometry, pixelFormat, carriesOutputPicture);
        if (!carriesOutputPicture)
            return;
        var a = geometry.Analysis;
        _luma = new AreaScaler(Width, Height, a.Width, a.Height);
        _chroma = new AreaScaler(ChromaWidth, ChromaHeight, a.ChromaWidth, a.ChromaHeight);
    }

    public FrameGeometry Geometry { get; }

    /// <summary><c>yuv420p</c>, or <c>yuv444p</c> for PNG output (full colour resolution).</summary>
    public string PixelFormat { get; }

    public bool CarriesOutputPicture { get; }

    public int Width => Geometry.Width;

    public int Height => Geometry.Height;

    public AnalysisSize Analysis => Geometry.Analysis;

    private bool Chroma444 => PixelFormat == "yuv444p";

    private int ChromaWidth => Chroma444 ? Width : Width / 2;

    private int ChromaHeight => Chroma444 ? Height : Height / 2;

    public int FrameBytes => CarriesOutputPicture ? Width * Height + 2 * ChromaWidth * ChromaHeight : Analysis.FrameBytes;

    /// <summary>Whether the analysis picture can be shrunk from the output picture (it is never larger on either side).</summary>
    public static bool CanCarryOutputPicture(FrameGeometry geometry) =>
        geometry.Analysis.Width <= geometry.Width && geometry.Analysis.Height <= geometry.Height;

    public string FilterGraph(int streamIndex, string sampler, FfmpegVersion version)
    {
        var a = Analysis;
        if (!CarriesOutputPicture)
            return $"[0:{streamIndex}]{sampler},scale={a.Width}:{a.Height}:flags=area,format=yuv420p,showinfo[out]";
        // showinfo gives us the timestamps; on a full-size picture its checksums would cost about a third of the decode.
        var showinfo = version.HasShowinfoChecksumOption ? "showinfo=checksum=0" : "showinfo";
        return $"[0:{streamIndex}]{sampler},scale={Width}:{Height}:flags=bicubic,setsar=1,format={PixelFormat},{showinfo}[out]";
    }

    public AnalysisImage AnalysisPicture(byte[] frame)
    {
        if (!CarriesOutputPicture)
            return AnalysisImage.FromRaw(Analysis, frame);
        var image = new AnalysisImage(Analysis);
        var lumaBytes = Width * Height;
        var chromaBytes = ChromaWidth * ChromaHeight;
        _luma!.Scale(frame.AsSpan(0, lumaBytes), image.Y);
        _chroma!.Scale(frame.AsSpan(lumaBytes, chromaBytes), image.U);
        _chroma.Scale(frame.AsSpan(lumaBytes + chromaBytes, chromaBytes), image.V);
        return image;
    }

    /// <summary>Writes the output picture of a frame that carries one.</summary>
    public void WriteOutputPicture(Stream target, byte[] frame) => target.Write(frame, 0, FrameBytes);
}
