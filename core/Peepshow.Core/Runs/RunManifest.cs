using System.Text.Encodings.Web;
using System.Text.Json;
using Peepshow.Core.State;
using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Runs;

/// <summary>
/// <c>manifest.json</c> in the run folder: the payload exactly as sinks receive it, plus the facts of the
/// run (command, versions, sinks, exit code, elapsed time). Written atomically, so a reader never sees half.
/// </summary>
public static class RunManifest
{
    public const string FileName = "manifest.json";

    public static async Task<string> WriteAsync(string outputDir, RunPayload payload, ManifestFacts facts, CancellationToken cancellationToken)
    {
        var node = JsonSerializer.SerializeToNode(payload, ProtocolJson.Context.RunPayload)!.AsObject();
        var extra = JsonSerializer.SerializeToNode(facts, CoreJsonContext.Default.ManifestFacts)!.AsObject();
        foreach (var (key, value) in extra.ToList())
        {
            extra.Remove(key);
            node[key] = value;
        }

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            node.WriteTo(writer);
        buffer.WriteByte((byte)'\n');

        var path = Path.Combine(outputDir, FileName);
        await AtomicFile.WriteAllBytesAsync(path, buffer.ToArray(), cancellationToken);
        return path;
    }
}
