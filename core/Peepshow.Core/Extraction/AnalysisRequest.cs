namespace Peepshow.Core.Extraction;

/// <summary>What to analyse: the window (<c>--start/--end</c>), the sampling, the selection rules and where kept frames go.</summary>
public sealed record AnalysisRequest
{
    public double? Start { get; init; }

    public double? End { get; init; }

    /// <summary>Fixed rate (<c>--fps</c>); otherwise up to <see cref="SampleRate"/> pictures a second.</summary>
    public double? Fps { get; init; }

    /// <summary>Analysis pictures per second when detecting (never more than the source has).</summary>
    public int SampleRate { get; init; } = MaxAnalysisFps;

    /// <summary>The rules of the <see cref="FrameSelector"/> the source feeds.</summary>
    public SelectionOptions Selection { get; init; } = new();

    /// <summary>Where kept frames go; lets a source write them during the analysis decode.</summary>
    public required ExtractRequest Output { get; init; }

    /// <summary>Seconds analysed since the start of the window, for progress.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>One line per selection decision when set (<c>PEEPSHOW_TRACE_SELECTION=1</c>).</summary>
    public Action<string>? Trace { get; init; }

    public const int MaxAnalysisFps = 10;

    /// <summary>Longer than this, detection samples at <see cref="LongVideoFps"/>.</summary>
    public const double LongVideoSeconds = 30;

    public const int LongVideoFps = 5;

    /// <summary>
    /// Ten pictures a second for short clips, where a fraction of a second matters; five for anything
    /// longer than 30 s: still every shot of 0.2 s or more, at half the per-picture cost of a long video.
    /// </summary>
    public static int SampleRateFor(double? windowSeconds) =>
        windowSeconds is > LongVideoSeconds ? LongVideoFps : MaxAnalysisFps;
}
