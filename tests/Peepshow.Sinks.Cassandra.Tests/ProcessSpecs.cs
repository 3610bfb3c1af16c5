using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;

namespace Peepshow.Sinks.Cassandra.Tests;

/// <summary>The real executable, across a real process boundary: exit code, one stdout line, one stderr line.</summary>
public sealed class ProcessSpecs
{
    private static readonly string SinkDll = Path.Combine(AppContext.BaseDirectory, "peepshow-sink-cassandra.dll");

    private static async Task<SinkRun> RunProcessAsync(IReadOnlyDictionary<string, string> env, byte[] stdin, params string[] args)
    {
        // Only what the spec sets: nothing from the developer's shell may leak into the sink.
        var command = SinkRun.DotnetCommand(SinkDll, args, env, "CASSANDRA_", "PEEPSHOW_");
        var run = await SinkRun.ProcessAsync(command, stdin, TestContext.Current.CancellationToken);
        return run.WithoutToken(env.GetValueOrDefault("CASSANDRA_TOKEN"));
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_writes_the_row_and_prints_one_line_on_stdout()
    {
        await using var stargate = await Sink.StargateAsync();

        var result = await RunProcessAsync(Sink.Env(stargate), Payloads.Json(RunPayloads.Full));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"cassandra: run {RunPayloads.RunId} -> {stargate.BaseUrl}/v2/keyspaces/peepshow/peepshow_runs/{RunPayloads.RunId}\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(1, stargate.RowCount(Sink.Keyspace, Sink.Table));
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_exits_5_with_one_clear_stderr_line_on_a_bad_token()
    {
        await using var stargate = await Sink.StargateAsync(token: "another-token");

        var result = await RunProcessAsync(Sink.Env(stargate), Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("peepshow-sink-cassandra: Stargate rejected CASSANDRA_TOKEN", line);
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_never_sends_a_token_with_a_line_break_as_a_header()
    {
        await using var stargate = await Sink.StargateAsync();
        var env = Sink.Env(stargate);
        env["CASSANDRA_TOKEN"] = Sink.Token + "\r\nX-Evil: 1";

        var result = await RunProcessAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("peepshow-sink-cassandra: CASSANDRA_TOKEN contains a control character (carriage return)", line);
        Assert.Equal(0, stargate.RequestCount);
    }
}
