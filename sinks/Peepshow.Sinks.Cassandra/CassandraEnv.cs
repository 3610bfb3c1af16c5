namespace Peepshow.Sinks.Cassandra;

/// <summary>The sink's own environment variables.</summary>
internal static class CassandraEnv
{
    public const string Url = "CASSANDRA_URL";
    public const string Keyspace = "CASSANDRA_KEYSPACE";
    public const string Table = "CASSANDRA_TABLE";
    public const string Token = "CASSANDRA_TOKEN";
    public const string CreateTable = "CASSANDRA_CREATE_TABLE";
}
