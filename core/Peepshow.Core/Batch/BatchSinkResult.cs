using System.Text.Json.Serialization;

namespace Peepshow.Core.Batch;

/// <summary>A sink's part in one input's run, as the batch line reports it.</summary>
public sealed record BatchSinkResult
{
    public required string Name { get; init; }

    /// <summary><c>ok</c>, <c>failed</c> (its payload waits in the outbox) or <c>skipped</c>.</summary>
    public required string Status { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Record { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OutboxId { get; init; }
}
