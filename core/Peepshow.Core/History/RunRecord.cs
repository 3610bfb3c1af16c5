using System.Text.Json.Serialization;
using Peepshow.Core.Output;
using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.History;

/// <summary>
/// One finished run as the run history keeps it: one JSON line of <c>runs.jsonl</c>. Enough to list runs and
/// find their folder; everything else is in the run's <c>manifest.json</c>.
/// </summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who ran it: <c>cli</c>, <c>batch</c> (<c>peepshow batch</c>) or <c>mcp</c>.</summary>
    public required string Origin { get; init; }

    /// <summary>The input as messages name it: the path, the URL without its secrets, or <c>stdin</c> / <c>data-uri</c>.</summary>
    public required string Input { get; init; }

    public int Frames { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DurationSeconds { get; init; }

    /// <summary>The video's title tag, when it has one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    public required string RunFolder { get; init; }

    public required string Manifest { get; init; }

    public IReadOnlyList<RunRecordSink> Sinks { get; init; } = [];

    public const string OriginCli = "cli";
    public const string OriginMcp = "mcp";
    public const string OriginBatch = "batch";

    public static RunRecord From(RunPayload payload, string manifestPath, IReadOnlyList<SinkResult> sinks, string origin) => new()
    {
        RunId = payload.RunId ?? "",
        CreatedAt = payload.CreatedAt ?? DateTimeOffset.UtcNow,
        Origin = origin,
        Input = payload.Input?.Path ?? payload.Input?.Url ?? payload.Input?.Kind ?? "",
        Frames = payload.Frames.Count,
        DurationSeconds = payload.Video?.DurationSeconds,
        Title = RunOutput.Title(payload),
        RunFolder = payload.OutputDir,
        Manifest = manifestPath,
        Sinks = [.. sinks.Select(s => new RunRecordSink(s.Name, s.Status, s.Url))],
    };
}
