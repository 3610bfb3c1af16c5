using System.Text.Json.Serialization;

namespace Peepshow.Testing.Doubles;

/// <summary>Source-generated JSON for the doubles' bodies (no reflection, same rule as the product).</summary>
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string?>>))]
internal sealed partial class DoublesJsonContext : JsonSerializerContext;
