namespace Peepshow.Sinks.Cassandra;

/// <summary>A row body and the text columns that travel in CQL-literal form (column → the value as given).</summary>
internal sealed record RowBody(byte[] Json, IReadOnlyDictionary<string, string> Quoted);
