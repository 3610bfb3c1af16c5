using System.Text.Json.Serialization;
using Peepshow.Protocol.Payload;

namespace Peepshow.Protocol;

/// <summary>
/// The one source-generated JSON context of the contract. No reflection, so it works under Native AOT.
/// Nullable annotations are respected so a <c>null</c> where the contract wants a value is an error,
/// constructor parameters (a transcript segment's start, end, text) are required as the schema says,
/// and unknown members are skipped so newer producers never break older sinks.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(RunPayload))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
