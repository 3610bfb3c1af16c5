using System.Text.Json;
using Peepshow.Core.Runs;
using Peepshow.Core.Sinks;

namespace Peepshow.Core.Batch;

/// <summary>
/// A run folder a batch may skip: its manifest.json (written last, atomically) says exit 0 and every sink either
/// delivered, was skipped by its rule, or left its payload in the outbox for <c>peepshow sinks retry</c>.
/// </summary>
public sealed record CompletedRun(int Frames, IReadOnlyList<BatchSinkResult> Sinks)
{
    public static CompletedRun? Read(string folder)
    {
        var path = Path.Combine(folder, RunManifest.FileName);
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = manifest.RootElement;
            if (!root.TryGetProperty("exitCode", out var exit) || exit.GetInt32() != ExitCodes.Ok)
                return null;
            var frames = root.TryGetProperty("frames", out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
            var sinks = new List<BatchSinkResult>();
            if (root.TryGetProperty("sinks", out var results) && results.ValueKind == JsonValueKind.Array)
            {
                foreach (var sink in results.EnumerateArray())
                {
                    var result = new BatchSinkResult
                    {
                        Name = Text(sink, "name") ?? "?",
                        Status = Text(sink, "status") ?? "?",
                        Record = Text(sink, "record"),
                        Url = Text(sink, "url"),
                        OutboxId = Text(sink, "outboxId"),
                    };
                    if (result.Status == SinkResult.StatusFailed && result.OutboxId is null)
                        return null;
                    sinks.Add(result);
                }
            }
            return new CompletedRun(frames, sinks);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            // No manifest, or not one peepshow finished writing: the run is not done.
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
