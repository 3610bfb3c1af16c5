using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Peepshow.Core.Extraction;
using Peepshow.Core.Output;
using Peepshow.Core.Runs;

namespace Peepshow.Cli.Commands;

/// <summary>
/// The options of an extraction run, in one place: defined once, added to the root command, validated
/// (every violation is a parse error, so exit 2) and turned into a <see cref="RunRequest"/>. Features that
/// add options of their own (audio, sinks) do so through <see cref="IRunExtension"/>.
/// </summary>
public sealed class ExtractOptions
{
    /// <summary>The documented ranges (docs/extraction.md, Flags); each option's parser enforces its own.</summary>
    internal static readonly NumberRange ThresholdRange = NumberRange.Decimals(0, 1);
    internal static readonly NumberRange MinRange = NumberRange.Integers(0, 10_000);
    internal static readonly NumberRange MaxRange = NumberRange.Integers(1, 10_000);
    internal static readonly NumberRange WidthRange = NumberRange.Integers(16, 16_384);
    internal static readonly NumberRange DedupDistanceRange = NumberRange.Integers(0, 64);

    /// <summary>
    /// Slower than one frame every 1000 s samples next to nothing of any video, and ffmpeg's fps filter cannot
    /// represent much smaller rates; faster than 120 fps is more than any source has.
    /// </summary>
    internal static readonly NumberRange FpsRange = NumberRange.Decimals(SelectionOptions.MinFps, SelectionOptions.MaxFps);

    public Argument<string> Input { get; } = new("input")
    {
        Description = "Video or animated image: a path, an http(s) URL of a video or of a page with one (YouTube, Vimeo, a <video>: downloaded with yt-dlp), a data:video/…;base64, URI, or - to read stdin",
    };

    public Option<double> Threshold { get; } = new("--threshold", "-t")
    {
        Description = "Scene-change sensitivity, 0–1; lower keeps more frames (also scales slide/text change detection)",
        DefaultValueFactory = _ => SelectionOptions.DefaultThreshold,
        CustomParser = ThresholdRange.DoubleParser(SelectionOptions.DefaultThreshold),
        HelpName = "0-1",
    };

    public Option<int> Min { get; } = new("--min")
    {
        Description = "Fewest frames: when detection finds fewer, even samples are added (near-duplicates still dropped)",
        DefaultValueFactory = _ => SelectionOptions.DefaultMin,
        CustomParser = MinRange.IntParser(SelectionOptions.DefaultMin),
        HelpName = "0-10000",
    };

    public Option<int> Max { get; } = new("--max")
    {
        Description = "Most frames: extra frames are evenly pruned, keeping the first and the last",
        DefaultValueFactory = _ => SelectionOptions.DefaultMax,
        CustomParser = MaxRange.IntParser(SelectionOptions.DefaultMax),
        HelpName = "1-10000",
    };

    public Option<double?> Fps { get; } = new("--fps")
    {
        Description = "Sample at a fixed rate instead of detecting changes (fractions allowed: 0.5 = one frame every 2 s); " +
                      "a window shorter than one interval still gives its first frame",
        CustomParser = FpsRange.OptionalDoubleParser(),
        HelpName = "0.001-120",
    };

    private const int DefaultWidth = 1280;

    public Option<int> Width { get; } = new("--width", "-w")
    {
        Description = "Largest frame width in pixels; aspect kept, never upscaled",
        DefaultValueFactory = _ => DefaultWidth,
        CustomParser = WidthRange.IntParser(DefaultWidth),
        HelpName = "16-16384",
    };

    public Option<string> Format { get; } = new("--format", "-f")
    {
        Description = "Frame image format",
        DefaultValueFactory = _ => "jpg",
    };

    public Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = "Run folder for frames and manifest.json [default: <tmp>/peepshow-<runId>]",
        HelpName = "dir",
    };

    public Option<string> Emit { get; } = new("--emit", "-e")
    {
        Description = "What stdout carries: frame paths, the JSON payload sinks receive, markdown, terse caveman, " +
                      "a timeline of frames interleaved with what was said while each was on screen, " +
                      "or the path of contact.jpg (every frame tiled in one image, drawn only for this)",
        DefaultValueFactory = _ => "paths",
    };

    public Option<string> Stats { get; } = new("--stats")
    {
        Description = "How much run information accompanies the frames",
        DefaultValueFactory = _ => "short",
    };

    public Option<bool> NoStats { get; } = new("--no-stats") { Description = "Same as --stats off" };

    public Option<bool> FullStats { get; } = new("--full-stats") { Description = "Same as --stats full" };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Same as --stats off: just the summary line and the paths" };

    public Option<string> Dedup { get; } = new("--dedup")
    {
        Description = "Drop near-duplicate frames: on = always, auto = only among even samples, off = never",
        DefaultValueFactory = _ => "on",
    };

    public Option<bool> NoDedup { get; } = new("--no-dedup") { Description = "Same as --dedup off" };

    public Option<int> DedupDistance { get; } = new("--dedup-distance")
    {
        Description = "Near-duplicate tolerance, 0–64 (dHash bits; 0 = only identical pictures are dropped)",
        DefaultValueFactory = _ => SelectionOptions.DefaultDedupDistance,
        CustomParser = DedupDistanceRange.IntParser(SelectionOptions.DefaultDedupDistance),
        HelpName = "0-64",
    };

    public Option<double?> Start { get; } = new("--start")
    {
        Description = "Analyse from this point (seconds or [h:]m:s); timestamps stay relative to the source",
        HelpName = "time",
        CustomParser = ParseTime,
    };

    public Option<double?> End { get; } = new("--end")
    {
        Description = "Analyse up to this point (seconds or [h:]m:s)",
        HelpName = "time",
        CustomParser = ParseTime,
    };

    /// <summary>Becomes <see cref="RunRequest.NoAudio"/>: the run then never starts its audio stage.</summary>
    public Option<bool> NoAudio { get; } = new("--no-audio") { Description = "Skip the audio track and its transcript" };

    public Option<bool> NoReport { get; } = new("--no-report") { Description = "Do not write report.html into the run folder" };

    public Option<bool> Open { get; } = new("--open") { Description = "Open the run's report.html in the default browser when the run is done" };

    public ExtractOptions()
    {
        OptionChoices.Accept(Format, "jpg", "png");
        OptionChoices.Accept(Emit, "paths", "json", "markdown", "caveman", "timeline", "sheet");
        OptionChoices.Accept(Stats, "off", "short", "full");
        OptionChoices.Accept(Dedup, "on", "auto", "off");

        Output.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value is var dir && (string.IsNullOrWhiteSpace(dir) || dir.Contains('\0')))
                result.AddError($"--output must name a folder (got '{VisibleText.Escape(dir)}')");
        });
    }

    public IEnumerable<Option> All =>
    [
        Threshold, Min, Max, Fps, Width, Format, Output, Emit, Stats, NoStats, FullStats, Quiet, Dedup, NoDedup, DedupDistance,
        Start, End, NoAudio, NoReport, Open,
    ];

    /// <summary>The flags that change what a run extracts (not where it goes or how it is printed): <c>peepshow batch</c> takes exactly these.</summary>
    public IEnumerable<Option> Extraction =>
    [
        Threshold, Min, Max, Fps, Width, Format, Dedup, NoDedup, DedupDistance, Start, End, NoAudio,
    ];

    public void AddTo(Command command)
    {
        command.Arguments.Add(Input);
        foreach (var option in All)
            command.Options.Add(option);
        AddChecks(command);
    }

    /// <summary>The extraction flags and their checks, for a command that takes its inputs and output its own way.</summary>
    public void AddExtractionTo(Command command)
    {
        foreach (var option in Extraction)
            command.Options.Add(option);
        AddChecks(command);
    }

    private void AddChecks(Command command) =>
        command.Validators.Add(result =>
        {
            // An option that failed to parse already has its own error; comparing its stand-in value would mislead.
            // Only a --min the user typed can conflict: the default follows a smaller --max (see ToRequest).
            if (result.GetResult(Min) is { Implicit: false }
                && MinRange.Read(result, Min, SelectionOptions.DefaultMin) is { } min && MaxRange.Read(result, Max, SelectionOptions.DefaultMax) is { } max && min > max)
                result.AddError($"--min ({min}) cannot be more than --max ({max})");
            if (TryGet(result, Start, out var start) && TryGet(result, End, out var end) && start is { } s && end is { } e && e <= s)
                result.AddError($"--end ({Text(e)}s) must be after --start ({Text(s)}s)");
        });

    public RunRequest ToRequest(ParseResult parse, IReadOnlyList<string> commandLine) =>
        ToRequest(parse, parse.GetRequiredValue(Input), parse.GetValue(Output), commandLine);

    /// <summary>The request the extraction flags describe, for <paramref name="input"/> into <paramref name="outputDir"/>.</summary>
    public RunRequest ToRequest(ParseResult parse, string input, string? outputDir, IReadOnlyList<string> commandLine) => new()
    {
        Input = input,
        OutputDir = outputDir,
        Selection = new SelectionOptions
        {
            Threshold = parse.GetValue(Threshold),
            // `--max 3` alone asks for at most three frames: the default --min (4) gives way instead of failing.
            Min = parse.GetResult(Min) is { Implicit: false } ? parse.GetValue(Min) : Math.Min(SelectionOptions.DefaultMin, parse.GetValue(Max)),
            Max = parse.GetValue(Max),
            Fps = parse.GetValue(Fps),
            Dedup = parse.GetValue(NoDedup) ? DedupMode.Off : parse.GetValue(Dedup) switch
            {
                "auto" => DedupMode.Auto,
                "off" => DedupMode.Off,
                _ => DedupMode.On,
            },
            DedupDistance = parse.GetValue(DedupDistance),
        },
        Width = parse.GetValue(Width),
        Format = parse.GetValue(Format) ?? "jpg",
        Start = parse.GetValue(Start),
        End = parse.GetValue(End),
        NoAudio = parse.GetValue(NoAudio),
        NoReport = parse.GetValue(NoReport),
        ContactSheet = EmitFormat(parse) == Core.Output.EmitFormat.Sheet,
        CommandLine = commandLine,
    };

    public EmitFormat EmitFormat(ParseResult parse) => parse.GetValue(Emit) switch
    {
        "json" => Core.Output.EmitFormat.Json,
        "markdown" => Core.Output.EmitFormat.Markdown,
        "caveman" => Core.Output.EmitFormat.Caveman,
        "timeline" => Core.Output.EmitFormat.Timeline,
        "sheet" => Core.Output.EmitFormat.Sheet,
        _ => Core.Output.EmitFormat.Paths,
    };

    public StatsLevel StatsLevel(ParseResult parse)
    {
        if (parse.GetValue(Quiet) || parse.GetValue(NoStats))
            return Core.Output.StatsLevel.Off;
        if (parse.GetValue(FullStats))
            return Core.Output.StatsLevel.Full;
        return parse.GetValue(Stats) switch
        {
            "off" => Core.Output.StatsLevel.Off,
            "full" => Core.Output.StatsLevel.Full,
            _ => Core.Output.StatsLevel.Short,
        };
    }

    private static bool TryGet<T>(CommandResult result, Option<T> option, out T? value)
    {
        try
        {
            value = result.GetValue(option);
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

    private static double? ParseTime(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TimeParsing.TryParseSeconds(token, out var seconds))
            return seconds;
        var name = result.Parent is OptionResult option ? option.Option.Name : "time";
        result.AddError($"{name} expects seconds (12.5) or a clock time (1:05, 0:01:05.5), not '{token}'");
        return null;
    }

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
