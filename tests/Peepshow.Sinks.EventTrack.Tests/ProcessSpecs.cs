using System.Diagnostics;
using Peepshow.Protocol;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using static Peepshow.Sinks.EventTrack.Tests.SinkHarness;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>The real executable, to prove the process boundary: exit code, the stdout line, the stderr line.</summary>
public sealed class ProcessSpecs
{
    private static async Task<SinkRun> RunExecutableAsync(IReadOnlyDictionary<string, string?> env, byte[] stdin)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "peepshow-sink-event-track.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the spec project must reference the sink project");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only what the spec sets: an EVENT_TRACK_* variable of the machine running the specs must not leak in.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("EVENT_TRACK_", StringComparison.Ordinal) || k.StartsWith("PEEPSHOW_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in env)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.BaseStream.WriteAsync(stdin, TestContext.Current.CancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        var run = new SinkRun(process.ExitCode, await stdout, await stderr);
        AssertNoToken(run.Output);
        return run;
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_delivers_a_run_and_prints_one_line()
    {
        await using var segment = await StartAsync("segment");

        var run = await RunExecutableAsync(EnvFor(segment), Runs.Json(Runs.Full));

        Assert.Equal(0, run.ExitCode);
        var stored = Assert.Single(segment.Events);
        Assert.Equal($"event-track: segment accepted peepshow_run for {UserId} ({stored.Key})\n", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_reports_a_rejection_on_one_stderr_line_with_exit_5()
    {
        await using var amplitude = await StartAsync("amplitude", token: "the-projects-real-key");

        var run = await RunExecutableAsync(EnvFor(amplitude), Runs.Json(Runs.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("peepshow-sink-event-track: amplitude rejected the event: HTTP 400: Invalid API key: ***", line);
    }
}
