using System.Text.Json.Serialization;

namespace Peepshow.Core.Sinks;

/// <summary>One sink's part in a run, as recorded in manifest.json <c>sinks[]</c>.</summary>
public sealed record SinkResult
{
    public const string StatusOk = "ok";
    public const string StatusFailed = "failed";
    public const string StatusSkipped = "skipped";

    public const string SourceCli = "cli";
    public const string SourceAuto = "auto";

    /// <summary>Display name: <c>databricks</c>, <c>cmd:curl</c>.</summary>
    public required string Name { get; init; }

    public required SinkKind Kind { get; init; }

    /// <summary><c>cli</c> (--sink / --sink-cmd) or <c>auto</c> (sinks.json).</summary>
    public required string Source { get; init; }

    /// <summary><c>ok</c>, <c>failed</c> or <c>skipped</c>.</summary>
    public required string Status { get; init; }

    public bool Ok => Status == StatusOk;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExitCode { get; init; }

    public bool TimedOut { get; init; }

    public long DurationMs { get; init; }

    /// <summary>The sink's success line: the record it wrote.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Record { get; init; }

    /// <summary>A link to the record the sink wrote, taken from its success line (the first http(s) URL in it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    /// <summary>The tail of the sink's stderr, kept when it failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Stderr { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SkipReason { get; init; }

    /// <summary>The outbox entry holding the payload for <c>peepshow sinks retry</c>, when it failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OutboxId { get; init; }

    public required SinkSpec Sink { get; init; }
}
