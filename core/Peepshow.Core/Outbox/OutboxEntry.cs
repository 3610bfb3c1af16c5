using System.Text.Json.Serialization;
using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Outbox;

/// <summary>
/// One undelivered (or in-flight) delivery: <c>&lt;home&gt;/outbox/&lt;id&gt;.json</c>. The payload is kept as
/// the exact text the sink was given, so a replay sends byte-identical stdin.
/// </summary>
public sealed record OutboxEntry
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>Time-sortable: <c>20261120T235959123-k3x9q2</c>. Also the file name.</summary>
    public required string Id { get; init; }

    public string? RunId { get; init; }

    public required SinkSpec Sink { get; init; }

    /// <summary>The payload exactly as the sink first received it (UTF-8 JSON text).</summary>
    public required string Payload { get; init; }

    /// <summary>Delivery attempts so far, the first one during the run included.</summary>
    public int Attempts { get; init; }

    public string? LastError { get; init; }

    // The payload's own timestamp form (UTC, Z, milliseconds), so the two read alike side by side.
    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset CreatedAt { get; init; }

    [JsonConverter(typeof(UtcTimestampConverter))]
    public DateTimeOffset? LastAttemptAt { get; init; }

    [JsonIgnore]
    public string SinkName => Sink.DisplayName;
}
