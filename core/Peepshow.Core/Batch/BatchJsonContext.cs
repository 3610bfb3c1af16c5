using System.Text.Json.Serialization;

namespace Peepshow.Core.Batch;

/// <summary>The batch's lines on stdout, one object per line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BatchItem))]
public sealed partial class BatchJsonContext : JsonSerializerContext;
