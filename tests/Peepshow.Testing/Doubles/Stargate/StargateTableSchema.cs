namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>A table as Cassandra knows it: ordered columns with CQL types and the primary key.</summary>
public sealed record StargateTableSchema(
    string Name,
    IReadOnlyList<StargateColumn> Columns,
    IReadOnlyList<string> PartitionKey,
    IReadOnlyList<string> ClusteringKey)
{
    public StargateTableSchema(string name, IReadOnlyList<StargateColumn> columns, params string[] partitionKey)
        : this(name, columns, partitionKey, [])
    {
    }

    public IEnumerable<string> PrimaryKey => PartitionKey.Concat(ClusteringKey);

    public StargateColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>
    /// The table the original peepshow tells users to create (docs/sinks/cassandra.md). Specs and the standalone demo
    /// pre-create it the way a user pasting that CQL would.
    /// </summary>
    public static StargateTableSchema PeepshowRuns(string name = "peepshow_runs") => new(
        name,
        [
            new("run_id", CqlType.Text),
            new("title", CqlType.Text),
            new("frames", CqlType.Bigint),
            new("duration", CqlType.Double),
            new("transcript", CqlType.Text),
            new("thumbnail_url", CqlType.Text),
            new("strategy", CqlType.Text),
            new("tags", CqlType.Text),
            new("created_at", CqlType.Timestamp),
        ],
        "run_id");
}
