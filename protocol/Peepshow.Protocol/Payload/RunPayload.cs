namespace Peepshow.Protocol.Payload;

/// <summary>
/// Payload v1: what <c>peepshow --emit json</c> prints and what every sink reads on stdin.
/// A superset of the original peepshow contract: only <c>outputDir</c>, <c>strategy</c> and
/// <c>frames</c> are required so payloads from other producers still parse.
/// </summary>
public sealed record RunPayload
{
    public const int CurrentSchemaVersion = 1;

    // Source-generated deserialization passes default(T) for init-only members the JSON omits,
    // overwriting initializers (dotnet/runtime#84484). A payload without schemaVersion (the
    // original peepshow) is v1, so 0 is read as "absent".
    /// <summary>The contract version; payloads that omit it are version 1.</summary>
    public int SchemaVersion { get; init => field = value == 0 ? CurrentSchemaVersion : value; } = CurrentSchemaVersion;

    /// <summary>Unique, time-sortable id. Null in payloads from producers that predate it.</summary>
    public string? RunId { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public InputInfo? Input { get; init; }

    public required string OutputDir { get; init; }

    public required string Strategy { get; init; }

    public required IReadOnlyList<FrameInfo> Frames { get; init; }

    public VideoInfo? Video { get; init; }

    public ExtractionInfo? Extraction { get; init; }

    public AudioInfo? Audio { get; init; }
}

/// <summary>Where the run's media came from.</summary>
public sealed record InputInfo
{
    /// <summary><c>path</c>, <c>url</c>, <c>data-uri</c> or <c>stdin</c>.</summary>
    public required string Kind { get; init; }

    public string? Path { get; init; }

    public string? Url { get; init; }

    public string? Filename { get; init; }

    /// <summary>Lower-case, without the dot (<c>mp4</c>).</summary>
    public string? Extension { get; init; }

    public long? SizeBytes { get; init; }
}

public sealed record FrameInfo
{
    /// <summary>1-based position in time order. Null in payloads from the original peepshow.</summary>
    public int? Index { get; init; }

    public required string Path { get; init; }

    public long? Bytes { get; init; }

    public double? TimestampSeconds { get; init; }

    /// <summary>Why this frame was kept: <c>first</c>, <c>scene-cut</c>, <c>content-change</c>, <c>coverage</c>, <c>build-complete</c>, <c>fps</c> (docs/extraction.md); readers accept any string.</summary>
    public string? Reason { get; init; }
}

public sealed record VideoInfo
{
    public double? DurationSeconds { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }

    public double? Fps { get; init; }

    public string? Codec { get; init; }

    public double? BitrateKbps { get; init; }

    public string? Container { get; init; }

    public long? SizeBytes { get; init; }

    public long? EstimatedTotalFrames { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

public sealed record ExtractionInfo
{
    public string? Strategy { get; init; }

    public double? Threshold { get; init; }

    public double? Fps { get; init; }

    public int? FramesEmitted { get; init; }

    public int? FramesBeforePrune { get; init; }

    public int? FramesPruned { get; init; }

    public int? FramesDeduped { get; init; }

    public int? DedupDistance { get; init; }

    public double? MotionSignalAvg { get; init; }

    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string? MotionSignalLevel { get; init; }

    public long? TotalOutputBytes { get; init; }

    public long? AvgFrameBytes { get; init; }

    public double? ElapsedMs { get; init; }

    public string? FfmpegSource { get; init; }

    public string? FfmpegPath { get; init; }
}

public sealed record AudioInfo
{
    /// <summary>Absolute path of <c>audio.m4a</c>; null when the input has no audio or audio was disabled.</summary>
    public string? Path { get; init; }

    public double? DurationSeconds { get; init; }

    public string? Codec { get; init; }

    public int? SampleRateHz { get; init; }

    public int? Channels { get; init; }

    public double? PeakDbfs { get; init; }

    public double? SilenceRatio { get; init; }

    public TranscriptInfo? Transcript { get; init; }
}

public sealed record TranscriptInfo
{
    public string? Provider { get; init; }

    public string? Model { get; init; }

    public string? Language { get; init; }

    public double? DurationSeconds { get; init; }

    // Never null, even when the JSON omits it (see RunPayload.SchemaVersion for why init needs help).
    public IReadOnlyList<TranscriptSegment> Segments { get; init => field = value ?? []; } = [];

    public string? Text { get; init; }

    /// <summary>Set when the provider failed; the run still succeeds and the transcript is empty.</summary>
    public string? SkippedReason { get; init; }
}

public sealed record TranscriptSegment(double Start, double End, string Text);
