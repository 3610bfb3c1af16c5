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
