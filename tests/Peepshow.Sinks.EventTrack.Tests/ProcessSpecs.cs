using Peepshow.Protocol;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using static Peepshow.Sinks.EventTrack.Tests.SinkHarness;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>The real executable, to prove the process boundary: exit code, the stdout line, the stderr line.</summary>
public sealed class ProcessSpecs
{
    private static async Task<SinkRun> RunExecutableAsync(IReadOnlyDictionary<string, string?> env, byte[] stdin)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "peepshow-sink-event-track.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the spec project must reference the sink project");

        // Only what the spec sets: an EVENT_TRACK_* or PEEPSHOW_* variable of the machine running the specs must not leak in.
        var run = await SinkRun.ProcessAsync(SinkRun.DotnetCommand(dll, env: Defined(env), clearPrefixes: ["EVENT_TRACK_", "PEEPSHOW_"]), stdin,
            TestContext.Current.CancellationToken);

        AssertNoToken(run.Stdout + run.Stderr);
        return run;
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_delivers_a_run_and_prints_one_line()
    {
        await using var segment = await StartAsync("segment");

        var run = await RunExecutableAsync(EnvFor(segment), Runs.Json(RunPayloads.Full));

        Assert.Equal(0, run.ExitCode);
        var stored = Assert.Single(segment.Events);
        Assert.Equal($"event-track: segment accepted peepshow_run for {UserId} ({stored.Key})\n", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_reports_a_rejection_on_one_stderr_line_with_exit_5()
    {
        await using var amplitude = await StartAsync("amplitude", token: "the-projects-real-key");

        var run = await RunExecutableAsync(EnvFor(amplitude), Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("peepshow-sink-event-track: amplitude rejected the event: HTTP 400: Invalid API key: ***", line);
    }
}
