using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Demo;

/// <summary>peepshow-sink-cassandra into the Stargate double (REST v2, keyspace peepshow, no table yet), twice.</summary>
public sealed class CassandraDemo : ISinkDemo
{
    public string Name => "cassandra";

    public async Task RunAsync(string sinkProgram, byte[] payload, CancellationToken cancellationToken)
    {
        Console.WriteLine("peepshow-sink-cassandra -> the Stargate double (REST v2, keyspace peepshow, no table yet)");
        await using var stargate = await StargateDouble.StartAsync(cancellationToken: cancellationToken);
        stargate.CreateKeyspace("peepshow");
        var stored = new RecordFeed();
        stargate.RowStored += row =>
            stored.Add(new System.Text.Json.Nodes.JsonObject { ["keyspace"] = row.Keyspace, ["table"] = row.Table, ["row"] = row.Row.DeepClone() }
                .ToJsonString(StargateReply.WriteOptions));
        var env = new Dictionary<string, string>
        {
            ["CASSANDRA_URL"] = stargate.BaseUrl,
            ["CASSANDRA_KEYSPACE"] = "peepshow",
            ["CASSANDRA_TOKEN"] = StargateDouble.DemoToken,
            ["CASSANDRA_CREATE_TABLE"] = "1",
        };

        // The first delivery creates the table; the replay upserts the same row (Stargate stores each write).
        foreach (var attempt in new[] { "first delivery", "replay of the same run" })
        {
            var run = await DemoProcess.RunAsync(sinkProgram, [], env, payload, cancellationToken, clearPrefix: "CASSANDRA_");
            Console.WriteLine($"  {attempt}: {run.StandardOutput.Trim()}");
            Console.WriteLine($"  stored row: {await stored.NextAsync(cancellationToken)}");
        }
    }
}
