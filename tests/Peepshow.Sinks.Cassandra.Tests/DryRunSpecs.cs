using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;

namespace Peepshow.Sinks.Cassandra.Tests;

public sealed class DryRunSpecs
{
    [Fact(Timeout = 30000)]
    public async Task A_dry_run_prints_the_request_with_the_token_masked_and_sends_nothing()
    {
        await using var stargate = await CassandraFixture.StargateAsync();

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full, "--dry-run");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Equal($"POST {stargate.BaseUrl}/v2/keyspaces/peepshow/peepshow_runs", lines[0]);
        Assert.Contains("X-Cassandra-Token: ***", lines);
        Assert.Contains("Content-Type: application/json", lines);
        Assert.Contains(lines, l => l.StartsWith("{\"run_id\":\"" + RunPayloads.RunId + "\",\"title\":\"The Heist (trailer)\"", StringComparison.Ordinal));
        Assert.Equal($"cassandra: dry run, nothing sent; run {RunPayloads.RunId} would be at {stargate.BaseUrl}/v2/keyspaces/peepshow/peepshow_runs/{RunPayloads.RunId}", lines[^2]);
        Assert.Equal(0, stargate.RequestCount);
    }

    [Fact(Timeout = 30000)]
    public async Task A_dry_run_with_table_creation_also_shows_the_schema_request()
    {
        var env = new Dictionary<string, string>
        {
            ["CASSANDRA_URL"] = "https://0c1e-eu-west-1.apps.astra.datastax.com/api/rest/",
            ["CASSANDRA_KEYSPACE"] = "peepshow",
            ["CASSANDRA_TOKEN"] = CassandraFixture.Token,
            ["CASSANDRA_CREATE_TABLE"] = "1",
        };

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full), "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("POST https://0c1e-eu-west-1.apps.astra.datastax.com/api/rest/v2/keyspaces/peepshow/peepshow_runs\n", result.Stdout);
        Assert.Contains("POST https://0c1e-eu-west-1.apps.astra.datastax.com/api/rest/v2/schemas/keyspaces/peepshow/tables\n", result.Stdout);
        Assert.Contains("\"ifNotExists\":true", result.Stdout);
        Assert.Contains("\"primaryKey\":{\"partitionKey\":[\"run_id\"]}", result.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task A_dry_run_shows_quote_safe_values_as_they_travel()
    {
        await using var stargate = await CassandraFixture.StargateAsync();

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full.WithTitle("'quoted'"), "--dry-run");

        Assert.Contains("\"title\":\"'''quoted'''\"", result.Stdout);
    }
}
