namespace Peepshow.Core.Extraction;

/// <summary>
/// One decoder behind both stages: ffmpeg for everything it can decode, libwebp for animated WebP
/// (which Debian's ffmpeg 5.1 cannot). The run does not care which.
/// </summary>
public interface IFrameSource
{
    /// <summary>
    /// Streams analysis pictures with source-relative timestamps into <paramref name="selector"/>, in time
    /// order, with the full-size picture when the source can keep it (so kept frames need no second decode).
    /// </summary>
    Task AnalyseAsync(AnalysisRequest request, FrameSelector selector, CancellationToken cancellationToken);

    /// <summary>Writes the chosen frames at full quality as <c>frame_0001.jpg</c>… in time order.</summary>
    Task<ExtractionOutcome> ExtractAsync(IReadOnlyList<SelectedFrame> frames, ExtractRequest request, CancellationToken cancellationToken);
}

/// <summary>What to analyse: the window (<c>--start/--end</c>), the sampling and the picture size.</summary>
public sealed record AnalysisRequest
{
    public double? Start { get; init; }

    public double? End { get; init; }

    /// <summary>Fixed rate (<c>--fps</c>); otherwise up to <see cref="SampleRate"/> pictures a second.</summary>
    public double? Fps { get; init; }

    /// <summary>Analysis pictures per second when detecting (never more than the source has).</summary>
    public int SampleRate { get; init; } = MaxAnalysisFps;

    public required AnalysisSize Size { get; init; }

    /// <summary>Where kept frames go; lets a source write them during the analysis decode.</summary>
    public required ExtractRequest Output { get; init; }

    /// <summary>Reports the last analysed timestamp, for progress.</summary>
    public IProgress<double>? Progress { get; init; }

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

/// <summary>Where and how to write the kept frames.</summary>
public sealed record ExtractRequest
{
    public required string OutputDir { get; init; }

    /// <summary><c>jpg</c> or <c>png</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Largest output width; never upscaled.</summary>
    public required int MaxWidth { get; init; }

    /// <summary>Reports each written frame, for progress.</summary>
    public IProgress<int>? Progress { get; init; }

    public static string FileName(int index, string format) => $"frame_{index:0000}.{format}";
}

public sealed record ExtractedFrame(int Index, string Path, long Bytes, double TimestampSeconds, string Reason);

/// <summary>The written frames, and the frames that could not be written with ffmpeg's reason.</summary>
public sealed record ExtractionOutcome(IReadOnlyList<ExtractedFrame> Frames, IReadOnlyList<string> Warnings);
