using System.Diagnostics;
using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;

namespace Peepshow.Sinks.Cassandra.Tests;

/// <summary>The real executable, across a real process boundary: exit code, one stdout line, one stderr line.</summary>
public sealed class ProcessSpecs
{
    private static readonly string SinkDll = Path.Combine(AppContext.BaseDirectory, "peepshow-sink-cassandra.dll");

    private static async Task<SinkRun> RunProcessAsync(IReadOnlyDictionary<string, string> env, byte[] stdin, params string[] args)
    {
        // The dotnet CLI tells child processes which host runs them; fall back to PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SinkDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Only what the spec sets: nothing from the developer's shell may leak into the sink.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CASSANDRA_", StringComparison.Ordinal) || k.StartsWith("PEEPSHOW_", StringComparison.Ordinal)).ToArray())
            start.Environment.Remove(name);
        foreach (var (name, value) in env)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.BaseStream.WriteAsync(stdin, TestContext.Current.CancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new SinkRun(process.ExitCode, await stdout, await stderr).WithoutToken(env.GetValueOrDefault("CASSANDRA_TOKEN"));
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_writes_the_row_and_prints_one_line_on_stdout()
    {
        await using var stargate = await Sink.StargateAsync();

        var result = await RunProcessAsync(Sink.Env(stargate), Payloads.Json(Payloads.Full));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"cassandra: run {Payloads.RunId} -> {stargate.BaseUrl}/v2/keyspaces/peepshow/peepshow_runs/{Payloads.RunId}\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(1, stargate.RowCount(Sink.Keyspace, Sink.Table));
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_exits_5_with_one_clear_stderr_line_on_a_bad_token()
    {
        await using var stargate = await Sink.StargateAsync(token: "another-token");

        var result = await RunProcessAsync(Sink.Env(stargate), Payloads.Json(Payloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("peepshow-sink-cassandra: Stargate rejected CASSANDRA_TOKEN", line);
    }
}
