using System.Text;
using System.Text.Json;
using Peepshow.Protocol.Rows;

namespace Peepshow.Sinks.Cassandra;

/// <summary>The table the sink writes to: the standard row as CQL columns, keyed by <c>run_id</c>.</summary>
internal static class CassandraSchema
{
    public const string PartitionKey = "run_id";

    /// <summary>Column names in table order with their CQL types (the original peepshow's documented schema).</summary>
    public static IReadOnlyList<(string Name, string Type)> Columns { get; } =
        StandardRow.Columns.Select(name => (name, TypeOf(name))).ToArray();

    /// <summary>The statement a user pastes into cqlsh, laid out as the original peepshow documents it.</summary>
    public static string CreateTableCql(string keyspace, string table)
    {
        var width = Columns.Max(c => c.Name.Length);
        var text = new StringBuilder();
        text.Append("CREATE TABLE ").Append(CqlName.ToCql(keyspace)).Append('.').Append(CqlName.ToCql(table)).Append(" (\n");
        for (var i = 0; i < Columns.Count; i++)
        {
            var (name, type) = Columns[i];
            text.Append("  ").Append(name.PadRight(width)).Append(' ').Append(type);
            if (name == PartitionKey)
                text.Append(" PRIMARY KEY");
            text.Append(i < Columns.Count - 1 ? ",\n" : "\n");
        }
        return text.Append(");").ToString();
    }

    /// <summary>A keyspace good for one node; the comment tells production users what to change.</summary>
    public static string CreateKeyspaceCql(string keyspace) =>
        $"CREATE KEYSPACE IF NOT EXISTS {CqlName.ToCql(keyspace)}\n" +
        "  WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};  -- single node; use NetworkTopologyStrategy in production";

    /// <summary>Body of <c>POST /v2/schemas/keyspaces/{ks}/tables</c>: the same table, created only if absent.</summary>
    public static byte[] CreateTableRequestJson(string table)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", table);
            json.WriteBoolean("ifNotExists", true);
            json.WriteStartArray("columnDefinitions");
            foreach (var (name, type) in Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("typeDefinition", type);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("primaryKey");
            json.WriteStartArray("partitionKey");
            json.WriteStringValue(PartitionKey);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static string TypeOf(string column) => column switch
    {
        "frames" => "bigint",
        "duration" => "double",
        "created_at" => "timestamp",
        // Everything else in the standard row is text, tags included (JSON as a string, as the original did).
        _ => "text",
    };
}
