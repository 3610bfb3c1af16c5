namespace Peepshow.Protocol.Payload;

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
