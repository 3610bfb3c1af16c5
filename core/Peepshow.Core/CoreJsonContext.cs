using System.Text.Json.Serialization;
using Peepshow.Core.AutoSinks;
using Peepshow.Core.Outbox;
using Peepshow.Core.Sinks;

namespace Peepshow.Core;

/// <summary>
/// The one source-generated JSON context of Peepshow.Core: ffprobe output, manifest, sinks.json,
/// outbox entries, transcription provider responses. The payload itself uses ProtocolJsonContext.
/// Add a [JsonSerializable] line per root type; keep them sorted by area.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, string>))]
// Sinks: sinks.json, outbox entries, manifest sinks[].
[JsonSerializable(typeof(AutoSinksFile))]
[JsonSerializable(typeof(OutboxEntry))]
[JsonSerializable(typeof(IReadOnlyList<SinkResult>))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
