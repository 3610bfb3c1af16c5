using System.Text;
using Peepshow.Core.Outbox;
using Peepshow.Core.Sinks;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Sinks;

/// <summary>Dispatch through real processes: the dummy sink (via wrapper scripts) and /bin/sh.</summary>
public sealed class SinkDispatcherSpecs : IDisposable
{
    private readonly SinkSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private string SinkDir => _box.SinkDir;

    private SinkOutbox Outbox => _box.Outbox;

    private string Record(string name) => _box.Combine("record-" + name);

    [Fact(Timeout = 60000)]
    public async Task A_sink_gets_the_exact_payload_on_stdin_its_arguments_and_the_protocol_env_and_its_line_is_relayed()
    {
        SinkScripts.WriteDummy(SinkDir, "dummy", new() { [DummySink.Env.RecordDir] = Record("dummy") });
        var payload = _box.Payload();
        var bytes = RunPayloads.Bytes(payload);

        var results = await _box.Dispatcher().DispatchAsync(payload, bytes, [SinkSpec.ParseName("dummy:a b:c")], [], TestContext.Current.CancellationToken);

        var result = Assert.Single(results);
        Assert.Equal(SinkResult.StatusOk, result.Status);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("dummy: received run 20261120T235959123-k3x9q2", result.Record);
        var record = DummySink.ReadRecord(Record("dummy"));
        Assert.Equal(bytes, record.Stdin);
        Assert.Equal(["a b", "c"], record.Args);
        Assert.Contains("PEEPSHOW_PROTOCOL=1", record.Env);
        Assert.Equal("peepshow: sink dummy ok: dummy: received run 20261120T235959123-k3x9q2\n", _box.Stderr.ToString());
        Assert.Empty(Outbox.List());
    }

    [Fact(Timeout = 60000)]
    public async Task A_failing_sink_shows_its_exit_code_and_stderr_and_leaves_the_exact_payload_in_the_outbox()
    {
        SinkScripts.WriteDummy(SinkDir, "broken", new() { [DummySink.Env.Exit] = "5" });
        var payload = _box.Payload();
        var bytes = RunPayloads.Bytes(payload);

        var result = Assert.Single(await _box.Dispatcher().DispatchAsync(payload, bytes, [SinkSpec.ParseName("broken:x")], [], TestContext.Current.CancellationToken));

        Assert.Equal(SinkResult.StatusFailed, result.Status);
        Assert.Equal(5, result.ExitCode);
        Assert.Contains("failing on purpose with exit 5", result.Stderr);
        var entry = Assert.Single(Outbox.List()).Entry!;
        Assert.Equal(result.OutboxId, entry.Id);
        Assert.Equal(bytes, Encoding.UTF8.GetBytes(entry.Payload));
        Assert.Equal(SinkSpec.ParseName("broken:x"), entry.Sink);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal("20261120T235959123-k3x9q2", entry.RunId);
        Assert.StartsWith("exit 5 (remote or network failure): peepshow-sink-dummy: failing on purpose", entry.LastError);
        var lines = _box.Stderr.ToString().Split('\n');
        Assert.Equal($"peepshow: sink broken failed: exit 5 (remote or network failure); queued as {entry.Id}; replay with: peepshow sinks retry {entry.Id}", lines[0]);
        Assert.StartsWith("peepshow: sink broken stderr: peepshow-sink-dummy: failing on purpose", lines[1]);
    }

    [Fact(Timeout = 60000)]
    public async Task A_sink_that_is_not_found_fails_and_is_queued()
    {
        var result = Assert.Single(await _box.DispatchAsync([SinkSpec.ParseName("missing")]));

        Assert.Equal(SinkResult.StatusFailed, result.Status);
        Assert.Null(result.ExitCode);
        Assert.Equal("peepshow-sink-missing not found in PEEPSHOW_SINK_PATH, peepshow's folder or PATH", result.Error);
        Assert.Equal(result.Error, Assert.Single(Outbox.List()).Entry!.LastError);
        Assert.StartsWith($"peepshow: sink missing failed: {result.Error}; queued as ", _box.Stderr.ToString());
    }

    [Fact(Timeout = 60000)]
    public async Task A_command_sink_runs_through_the_shell_with_quotes_and_pipes()
    {
        var output = _box.Combine("out file.txt");
        var command = $"grep -o '\"runId\": \"[^\"]*\"' | tr -d '\"' > '{output}' && echo \"wrote it\"";

        var result = Assert.Single(await _box.DispatchAsync([SinkSpec.ForCommand(command)]));

        Assert.Equal(SinkResult.StatusOk, result.Status);
        Assert.Equal("cmd:grep", result.Name);
        Assert.Equal("wrote it", result.Record);
        Assert.Equal("runId: 20261120T235959123-k3x9q2\n", await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 60000)]
    public async Task A_command_sink_finds_peepshow_sinks_in_the_sink_folders_and_the_protocol_env()
    {
        SinkScripts.Write(SinkDir, "echoer", "echo \"protocol=$PEEPSHOW_PROTOCOL args=$*\"");

        var result = Assert.Single(await _box.DispatchAsync([SinkSpec.ForCommand("peepshow-sink-echoer one two")]));

        Assert.Equal("protocol=1 args=one two", result.Record);
    }

    [Fact(Timeout = 60000)]
    public async Task A_sink_that_outlives_the_timeout_is_killed_with_its_children_and_counts_as_failed()
    {
        var pidFile = _box.Combine("child.pid");
        // The child would outlive the sink by a minute: only a kill of the sink's whole process tree ends it early.
        SinkScripts.Write(SinkDir, "slow", $"sleep 60 & echo $! > '{pidFile}'; wait");

        // 2 s: ample for /bin/sh to start its child and write the pid, even on a loaded two-core machine.
        var result = Assert.Single(await _box.DispatchAsync([SinkSpec.ParseName("slow")], timeout: TimeSpan.FromSeconds(2)));

        Assert.Equal(SinkResult.StatusFailed, result.Status);
        Assert.True(result.TimedOut);
        Assert.Equal("timed out after 2 s and was killed", result.Error);
        Assert.InRange(result.DurationMs, 1900, 30000);
        var childPid = int.Parse(await File.ReadAllTextAsync(pidFile, TestContext.Current.CancellationToken));
        Assert.False(await ProcessTable.IsStillAliveAfterAMomentAsync(childPid, TestContext.Current.CancellationToken), $"the sink's child {childPid} survived");
        Assert.Single(Outbox.List());
    }

    [Fact(Timeout = 60000)]
    public async Task A_sink_writing_10_MB_to_stderr_does_not_hang_and_only_a_bounded_tail_is_kept()
    {
        SinkScripts.WriteDummy(SinkDir, "noisy", new() { [DummySink.Env.StderrBytes] = "10485760", [DummySink.Env.Exit] = "5" });

        var result = Assert.Single(await _box.DispatchAsync([SinkSpec.ParseName("noisy")]));

        Assert.Equal(5, result.ExitCode);
        Assert.InRange(result.Stderr!.Length, 1, 8 * 1024 + 1);
        Assert.EndsWith("failing on purpose with exit 5 (DUMMY_SINK_EXIT)", result.Stderr);
        Assert.InRange(_box.Stderr.ToString().Split('\n').Length, 3, 23);
    }

    [Fact(Timeout = 60000)]
    public async Task CLI_sinks_run_first_in_order_then_matching_auto_sinks_and_non_matching_ones_are_skipped_with_one_line()
    {
        var log = _box.Combine("order.log");
        foreach (var name in new[] { "a", "b", "c", "d" })
            SinkScripts.Write(SinkDir, name, $"cat > /dev/null; echo {name} >> '{log}'");
        var skipMe = SinkSpec.ParseName("d", [WhenClause.Parse("ext=mkv")]);
        var alsoSkip = SinkSpec.ForCommand("false", [WhenClause.Parse("director=Lynch")]);

        var results = await _box.DispatchAsync(
            [SinkSpec.ParseName("b"), SinkSpec.ForCommand($"echo cmd >> '{log}'")],
            [skipMe, SinkSpec.ParseName("a", [WhenClause.Parse("ext=mp4,mov"), WhenClause.Parse("director=Kubrick")]), alsoSkip, SinkSpec.ParseName("c")]);

        Assert.Equal(["b", "cmd", "a", "c"], await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken));
        Assert.Equal(["ok", "ok", "skipped", "ok", "skipped", "ok"], results.Select(r => r.Status));
        Assert.Equal(["cli", "cli", "auto", "auto", "auto", "auto"], results.Select(r => r.Source));
        Assert.Equal("when ext=mkv: extension is 'mp4'", results[2].SkipReason);
        Assert.StartsWith("peepshow: 2 auto-sinks skipped (--when did not match: #1 d, #3 cmd:false)\n", _box.Stderr.ToString());
        Assert.Empty(Outbox.List());
    }

    [Fact(Timeout = 60000)]
    public async Task Stopping_peepshow_mid_delivery_keeps_that_delivery_and_the_ones_not_reached_in_the_outbox()
    {
        var started = _box.Combine("started");
        SinkScripts.Write(SinkDir, "hang", $"touch '{started}'; sleep 60");
        SinkScripts.Write(SinkDir, "later", "true");
        using var cts = new CancellationTokenSource();
        var payload = _box.Payload();

        var dispatch = _box.Dispatcher().DispatchAsync(payload, RunPayloads.Bytes(payload), [SinkSpec.ParseName("hang"), SinkSpec.ParseName("later")], [], cts.Token);
        while (!File.Exists(started))
            await Task.Delay(20, TestContext.Current.CancellationToken);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatch);
        var entries = Outbox.List().Select(l => l.Entry!).OrderBy(e => e.SinkName, StringComparer.Ordinal).ToList();
        Assert.Equal(["hang", "later"], entries.Select(e => e.SinkName));
        Assert.Equal((1, "interrupted before the sink finished"), (entries[0].Attempts, entries[0].LastError));
        Assert.Equal((0, SinkOutbox.InFlightError), (entries[1].Attempts, entries[1].LastError));
        Assert.All(entries, e => Assert.False(Outbox.IsBusy(e.Id)));
    }
}
