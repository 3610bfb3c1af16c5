using Peepshow.Protocol;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using static Peepshow.Sinks.EventTrack.Tests.EventTrackFixture;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>The real executable, to prove the process boundary: exit code, the stdout line, the stderr line.</summary>
public sealed class ProcessSpecs
{
    private static Task<SinkRun> RunExecutableAsync(IReadOnlyDictionary<string, string?> env, byte[] stdin) =>
        SinkHarness.RunProcessAsync(EventTrackSink.Definition.Info, stdin, env, secrets: [Token], cancellationToken: TestContext.Current.CancellationToken);

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
