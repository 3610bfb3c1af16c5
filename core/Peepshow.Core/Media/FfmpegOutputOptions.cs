using System.Globalization;

namespace Peepshow.Core.Media;

public sealed class FfmpegOutputOptions
{
    internal List<string> Arguments { get; } = [];

    /// <summary>Only the chosen video stream: no audio, subtitle or data processing.</summary>
    public FfmpegOutputOptions SelectVideoStream(int index)
    {
        Arguments.AddRange(["-map", $"0:{index}", "-an", "-sn", "-dn"]);
        return this;
    }

    public FfmpegOutputOptions WithVideoFilters(string filterChain)
    {
        Arguments.AddRange(["-vf", filterChain]);
        return this;
    }

    public FfmpegOutputOptions WithFrameOutputCount(int frames)
    {
        Arguments.AddRange(["-frames:v", frames.ToString(CultureInfo.InvariantCulture)]);
        return this;
    }

    /// <summary>
    /// Pass frames through without duplicating or dropping any. ffmpeg 5.1 added <c>-fps_mode</c>, and
    /// newer releases removed <c>-vsync</c>; older builds only know <c>-vsync</c>.
    /// </summary>
    public FfmpegOutputOptions WithPassthroughTiming(FfmpegVersion version)
    {
        Arguments.AddRange(version.HasFpsMode ? ["-fps_mode", "passthrough"] : ["-vsync", "passthrough"]);
        return this;
    }

    public FfmpegOutputOptions ForceFormat(string format)
    {
        Arguments.AddRange(["-f", format]);
        return this;
    }

    public FfmpegOutputOptions ForcePixelFormat(string pixelFormat)
    {
        Arguments.AddRange(["-pix_fmt", pixelFormat]);
        return this;
    }

    /// <summary>JPEG quality on ffmpeg's 2 (best) to 31 scale.</summary>
    public FfmpegOutputOptions WithJpegQuality(int q)
    {
        Arguments.AddRange(["-q:v", q.ToString(CultureInfo.InvariantCulture)]);
        return this;
    }

    public FfmpegOutputOptions WithCustomArgument(params string[] arguments)
    {
        Arguments.AddRange(arguments);
        return this;
    }
}
