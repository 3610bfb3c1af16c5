using Peepshow.Core.Extraction;

namespace Peepshow.Core.Runs;

/// <summary>Everything one extraction run was asked to do: the input and the flags, already validated by the CLI.</summary>
public sealed record RunRequest
{
    /// <summary>A path, an http(s) URL, a data URI, or <c>-</c> for stdin.</summary>
    public required string Input { get; init; }

    /// <summary><c>--output</c>; null = <c>&lt;tmp&gt;/peepshow-&lt;runId&gt;</c>.</summary>
    public string? OutputDir { get; init; }

    public SelectionOptions Selection { get; init; } = new();

    /// <summary><c>--width</c>: largest frame width, never upscaled.</summary>
    public int Width { get; init; } = 1280;

    /// <summary><c>--format</c>: <c>jpg</c> or <c>png</c>.</summary>
    public string Format { get; init; } = "jpg";

    /// <summary><c>--start</c>, seconds from the beginning of the source.</summary>
    public double? Start { get; init; }

    /// <summary><c>--end</c>, seconds from the beginning of the source.</summary>
    public double? End { get; init; }

    /// <summary><c>--no-audio</c>: no audio stage, no transcript (<see cref="ExtractionRun"/> decides).</summary>
    public bool NoAudio { get; init; }

    /// <summary>Skip writing report.html into the run folder.</summary>
    public bool NoReport { get; init; }

    /// <summary>
    /// Draw contact.jpg during the run (<c>--emit sheet</c>, an MCP call that wants the sheet). Otherwise it is drawn
    /// only when asked for later (<see cref="Media.ContactSheet.EnsureAsync"/>): it costs an ffmpeg run.
    /// </summary>
    public bool ContactSheet { get; init; }

    /// <summary>The run's id; null = a new one (<see cref="Runs.RunId.New"/>). A batch derives it from the input so a replay reuses it.</summary>
    public string? RunId { get; init; }

    /// <summary>The command line as typed, for manifest.json.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];
}
