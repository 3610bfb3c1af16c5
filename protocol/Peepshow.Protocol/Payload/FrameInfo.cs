namespace Peepshow.Protocol.Payload;

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
