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
