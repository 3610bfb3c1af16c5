namespace Peepshow.Core.Media;

public sealed class FfmpegInputOptions
{
    internal List<string> Arguments { get; } = [];

    /// <summary>Input seek (<c>-ss</c> before <c>-i</c>): fast, and exact because ffmpeg decodes from the previous keyframe.</summary>
    public FfmpegInputOptions Seek(double seconds)
    {
        if (seconds > 0)
            Arguments.AddRange(["-ss", FfmpegArguments.Seconds(seconds)]);
        return this;
    }

    /// <summary>Read only this much of the input after the seek point.</summary>
    public FfmpegInputOptions WithDuration(double seconds)
    {
        Arguments.AddRange(["-t", FfmpegArguments.Seconds(seconds)]);
        return this;
    }

    public FfmpegInputOptions ForceFormat(string format)
    {
        Arguments.AddRange(["-f", format]);
        return this;
    }

    /// <summary>Per-stream decoder option, e.g. <c>skip_frame</c> = <c>noref</c>.</summary>
    public FfmpegInputOptions WithVideoDecoderOption(string name, string value)
    {
        Arguments.AddRange([$"-{name}:v", value]);
        return this;
    }

    /// <summary>For raw input: pixel format and size are not in the bytes.</summary>
    public FfmpegInputOptions WithRawVideo(string pixelFormat, int width, int height, double frameRate = 1)
    {
        Arguments.AddRange(["-f", "rawvideo", "-pix_fmt", pixelFormat, "-video_size", $"{width}x{height}",
            "-framerate", FfmpegArguments.Seconds(frameRate)]);
        return this;
    }

    public FfmpegInputOptions WithCustomArgument(params string[] arguments)
    {
        Arguments.AddRange(arguments);
        return this;
    }
}
