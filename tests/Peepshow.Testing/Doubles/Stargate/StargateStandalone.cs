using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>
/// <c>dotnet run --project tests/Peepshow.Testing -- stargate [--port N]</c>: a Stargate for demos and manual runs.
/// stdout: <c>listening on &lt;url&gt;</c>, then one JSON line per stored row (<c>{"keyspace","table","row"}</c>).
/// Env: STARGATE_DOUBLE_TOKEN (default <see cref="StargateDouble.DemoToken"/>; <c>off</c> = no auth),
/// STARGATE_DOUBLE_FLAVOUR (<c>v2</c>|<c>v1</c>), STARGATE_DOUBLE_KEYSPACE (<c>peepshow</c>),
/// STARGATE_DOUBLE_TABLE (<c>peepshow_runs</c>, pre-created with the peepshow schema; <c>none</c> = leave it to the sink).
/// </summary>
public static class StargateStandalone
{
    public const string Name = "stargate";

    public static async Task RunAsync(int port, CancellationToken cancellationToken)
    {
        var token = Environment.GetEnvironmentVariable("STARGATE_DOUBLE_TOKEN") is { Length: > 0 } t ? t : StargateDouble.DemoToken;
        var flavour = Environment.GetEnvironmentVariable("STARGATE_DOUBLE_FLAVOUR")?.Equals("v1", StringComparison.OrdinalIgnoreCase) == true
            ? StargateFlavour.V1
            : StargateFlavour.V2;
        var keyspace = Environment.GetEnvironmentVariable("STARGATE_DOUBLE_KEYSPACE") is { Length: > 0 } k ? k : "peepshow";
        var table = Environment.GetEnvironmentVariable("STARGATE_DOUBLE_TABLE") is { Length: > 0 } n ? n : "peepshow_runs";

        await using var stargate = await StargateDouble.StartAsync(token == "off" ? null : token, flavour, port, cancellationToken);
        stargate.CreateKeyspace(keyspace);
        if (table != "none")
            stargate.CreateTable(keyspace, StargateTableSchema.PeepshowRuns(table));

        var stdout = new Lock();
        stargate.RowStored += stored =>
        {
            var line = new JsonObject { ["keyspace"] = stored.Keyspace, ["table"] = stored.Table, ["row"] = stored.Row.DeepClone() }.ToJsonString(StargateReply.WriteOptions);
            lock (stdout)
            {
                Console.Out.WriteLine(line);
                Console.Out.Flush();
            }
        };

        await Console.Error.WriteLineAsync(
            $"stargate double ({flavour}): token {(token == "off" ? "not required" : $"'{token}'")}, keyspace {keyspace}, table {(table == "none" ? "(none yet)" : table)}");
        Console.Out.WriteLine($"listening on {stargate.BaseUrl}");
        Console.Out.Flush();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
