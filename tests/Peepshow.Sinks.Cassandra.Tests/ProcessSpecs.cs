using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;

namespace Peepshow.Sinks.Cassandra.Tests;

/// <summary>The real executable, across a real process boundary: exit code, one stdout line, one stderr line.</summary>
public sealed class ProcessSpecs
{
    private static Task<SinkRun> RunProcessAsync(IReadOnlyDictionary<string, string> env, byte[] stdin, params string[] args) =>
        CassandraFixture.RunProcessAsync(env, stdin, args);

    [Fact(Timeout = 60000)]
    public async Task The_executable_writes_the_row_and_prints_one_line_on_stdout()
    {
        await using var stargate = await CassandraFixture.StargateAsync();

        var result = await RunProcessAsync(CassandraFixture.Env(stargate), Payloads.Json(RunPayloads.Full));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"cassandra: run {RunPayloads.RunId} -> {stargate.BaseUrl}/v2/keyspaces/peepshow/peepshow_runs/{RunPayloads.RunId}\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(1, stargate.RowCount(CassandraFixture.Keyspace, CassandraFixture.Table));
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_exits_5_with_one_clear_stderr_line_on_a_bad_token()
    {
        await using var stargate = await CassandraFixture.StargateAsync(token: "another-token");

        var result = await RunProcessAsync(CassandraFixture.Env(stargate), Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("peepshow-sink-cassandra: Stargate rejected CASSANDRA_TOKEN", line);
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_never_sends_a_token_with_a_line_break_as_a_header()
    {
        await using var stargate = await CassandraFixture.StargateAsync();
        var env = CassandraFixture.Env(stargate);
        env["CASSANDRA_TOKEN"] = CassandraFixture.Token + "\r\nX-Evil: 1";

        var result = await RunProcessAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("peepshow-sink-cassandra: CASSANDRA_TOKEN contains a control character (carriage return)", line);
        Assert.Equal(0, stargate.RequestCount);
    }
}
