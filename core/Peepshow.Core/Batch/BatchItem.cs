using System.Text.Json.Serialization;

namespace Peepshow.Core.Batch;

/// <summary>What became of one input of a batch: the line <c>peepshow batch --emit ndjson</c> prints for it.</summary>
public sealed record BatchItem
{
    public const string StatusOk = "ok";

    /// <summary>Done by an earlier batch (a complete run folder was found); nothing was run or delivered again.</summary>
    public const string StatusSkipped = "skipped";

    public const string StatusFailed = "failed";

    /// <summary>The full path or URL.</summary>
    public required string Input { get; init; }

    public required string RunId { get; init; }

    /// <summary><c>ok</c>, <c>skipped</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    public int Frames { get; init; }

    /// <summary>The run folder, or null when the run failed (a failed run leaves nothing behind).</summary>
    public string? RunFolder { get; init; }

    public IReadOnlyList<BatchSinkResult> Sinks { get; init; } = [];

    /// <summary>peepshow's exit code for this input had it been run alone: 0, or the failure's code.</summary>
    public int ExitCode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    public double ElapsedMs { get; init; }
}
