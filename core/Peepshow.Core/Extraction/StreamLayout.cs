namespace Peepshow.Core.Extraction;

/// <summary>
/// The raw frame the analysis decode writes. Stacked: the output-size picture with the analysis picture
/// (padded to the same width) underneath, both planar, so both are plain slices of one buffer. Otherwise
/// just the analysis picture.
/// </summary>
internal sealed record StreamLayout(FrameGeometry Geometry, string PixelFormat, bool Stacked)
{
    public int Width => Geometry.Width;

    public int Height => Geometry.Height;

    public AnalysisSize Analysis => Geometry.Analysis;

    private bool Chroma444 => PixelFormat == "yuv444p";

    private int TotalHeight => Height + Analysis.Height;

    private int ChromaWidth => Chroma444 ? Width : Width / 2;

    public int FrameBytes => Stacked
        ? Width * TotalHeight + 2 * ChromaWidth * (Chroma444 ? TotalHeight : TotalHeight / 2)
        : Analysis.FrameBytes;

    public string FilterGraph(int streamIndex, string sampler)
    {
        var a = Analysis;
        if (!Stacked)
            return $"[0:{streamIndex}]{sampler},scale={a.Width}:{a.Height}:flags=area,format=yuv420p,showinfo[out]";
        // showinfo (our timestamps) sits on the small branch: on the full picture its checksums cost
        // about a third of the decode.
        return $"[0:{streamIndex}]{sampler},scale={Width}:{Height}:flags=bicubic,setsar=1,format={PixelFormat},split[full][small];" +
               $"[small]scale={a.Width}:{a.Height}:flags=area,showinfo,pad={Width}:{a.Height}[strip];" +
               "[full][strip]vstack[out]";
    }

    public AnalysisImage AnalysisPicture(byte[] frame)
    {
        if (!Stacked)
            return AnalysisImage.FromRaw(Analysis, frame);
        var image = new AnalysisImage(Analysis);
        var (aw, ah) = (Analysis.Width, Analysis.Height);
        for (var y = 0; y < ah; y++)
            frame.AsSpan((Height + y) * Width, aw).CopyTo(image.Y.AsSpan(y * aw, aw));

        var planeBytes = ChromaWidth * (Chroma444 ? TotalHeight : TotalHeight / 2);
        var uOffset = Width * TotalHeight;
        var vOffset = uOffset + planeBytes;
        if (Chroma444)
        {
            // Average 2×2 so the analysis picture is 4:2:0 like every other source.
            for (var y = 0; y < ah / 2; y++)
            {
                for (var x = 0; x < aw / 2; x++)
                {
                    var top = (Height + 2 * y) * ChromaWidth + 2 * x;
                    var bottom = top + ChromaWidth;
                    image.U[y * (aw / 2) + x] = (byte)((frame[uOffset + top] + frame[uOffset + top + 1] + frame[uOffset + bottom] + frame[uOffset + bottom + 1] + 2) / 4);
                    image.V[y * (aw / 2) + x] = (byte)((frame[vOffset + top] + frame[vOffset + top + 1] + frame[vOffset + bottom] + frame[vOffset + bottom + 1] + 2) / 4);
                }
            }
        }
        else
        {
            for (var y = 0; y < ah / 2; y++)
            {
                var row = (Height / 2 + y) * ChromaWidth;
                frame.AsSpan(uOffset + row, aw / 2).CopyTo(image.U.AsSpan(y * (aw / 2), aw / 2));
                frame.AsSpan(vOffset + row, aw / 2).CopyTo(image.V.AsSpan(y * (aw / 2), aw / 2));
            }
        }
        return image;
    }

    /// <summary>Writes the output picture (the top part of each plane) of a stacked frame.</summary>
    public void WriteOutputPicture(Stream target, byte[] frame)
    {
        var planeBytes = ChromaWidth * (Chroma444 ? TotalHeight : TotalHeight / 2);
        var chromaOut = ChromaWidth * (Chroma444 ? Height : Height / 2);
        target.Write(frame, 0, Width * Height);
        target.Write(frame, Width * TotalHeight, chromaOut);
        target.Write(frame, Width * TotalHeight + planeBytes, chromaOut);
    }
}
