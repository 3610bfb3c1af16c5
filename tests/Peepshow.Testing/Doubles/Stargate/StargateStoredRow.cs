using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>A row just stored, as <c>GET</c> would return it; what standalone mode prints.</summary>
public sealed record StargateStoredRow(string Keyspace, string Table, JsonObject Row);
