using System.Globalization;

namespace Peepshow.Core.Media;

/// <summary>
/// Builds an ffmpeg argument list: global options, one input, one output. Shaped after FFMpegCore's
/// <c>FFMpegArguments.FromFileInput(…).OutputToFile(…)</c> so a later swap to that library is local.
/// Arguments are a list, never a shell string, so paths with spaces or quotes need no escaping.
/// </summary>
public sealed class FfmpegArguments
{
    private readonly List<string> _global = ["-hide_banner", "-nostdin", "-nostats"];
    private readonly FfmpegInputOptions _input = new();
    private readonly string _inputPath;
    private readonly FfmpegOutputOptions _output = new();
    private string? _outputPath;
    private string _logLevel = "error";

    private FfmpegArguments(string inputPath) => _inputPath = inputPath;

    public static FfmpegArguments FromFileInput(string path, Action<FfmpegInputOptions>? configure = null)
    {
        var args = new FfmpegArguments(path);
        configure?.Invoke(args._input);
        return args;
    }

    /// <summary>Input read from ffmpeg's stdin (raw frames piped by peepshow, for instance).</summary>
    public static FfmpegArguments FromPipeInput(Action<FfmpegInputOptions>? configure = null) => FromFileInput("pipe:0", configure);

    /// <summary><c>info</c> is needed for filters that report through the log (showinfo).</summary>
    public FfmpegArguments WithLogLevel(string level)
    {
        _logLevel = level;
        return this;
    }

    public FfmpegArguments OutputToFile(string path, bool overwrite = true, Action<FfmpegOutputOptions>? configure = null)
    {
        if (overwrite)
            _global.Add("-y");
        _outputPath = path;
        configure?.Invoke(_output);
        return this;
    }

    public FfmpegArguments OutputToPipe(Action<FfmpegOutputOptions>? configure = null) => OutputToFile("pipe:1", overwrite: false, configure);

    public IReadOnlyList<string> ToArguments()
    {
        if (_outputPath is null)
            throw new InvalidOperationException("no output: call OutputToFile or OutputToPipe first");
        // "file:" stops ffmpeg reading a colon in a local name ("a:b.mp4") as a protocol.
        var input = _inputPath == "pipe:0" || _inputPath.StartsWith("file:", StringComparison.Ordinal) ? _inputPath : "file:" + _inputPath;
        var output = _outputPath == "pipe:1" ? _outputPath : "file:" + _outputPath;
        return [.. _global, "-loglevel", _logLevel, .. _input.Arguments, "-i", input, .. _output.Arguments, output];
    }

    public override string ToString() => string.Join(' ', ToArguments());

    internal static string Seconds(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);
}

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
