using System.Text;
using Peepshow.Core.Outbox;
using Peepshow.Core.Sinks;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

/// <summary><c>peepshow sinks pending</c> and <c>sinks retry</c> through the real CLI process.</summary>
public sealed class SinksOutboxSpecs : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private string Home => _box.Home;

    private string SinkDir => _box.SinkDir;

    private SinkOutbox Outbox => _box.Outbox;

    private Task<CliResult> Peepshow(params string[] args) => _box.Peepshow(args);

    /// <summary>A delivery to <c>warehouse</c> that failed the way a down backend fails: exit 5.</summary>
    private async Task<(OutboxEntry Entry, byte[] Payload)> FailedDeliveryAsync(string runId)
    {
        SinkScripts.WriteDummy(SinkDir, "warehouse", new() { [DummySink.Env.Exit] = "5" });
        var payload = RunPayloads.Sample(_box.Combine("run-" + runId), runId);
        var bytes = RunPayloads.Bytes(payload);
        var dispatcher = new SinkDispatcher(new SinkRunner(new SinkLocator([SinkDir], null, _box.Combine()), TimeSpan.FromSeconds(60)), Outbox, TextWriter.Null) { Secrets = SecretRedaction.None };
        var result = Assert.Single(await dispatcher.DispatchAsync(payload, bytes, [SinkSpec.ParseName("warehouse:t1")], [], TestContext.Current.CancellationToken));
        return (Outbox.List().Single(l => l.Id == result.OutboxId).Entry!, bytes);
    }

    [Fact(Timeout = 120000)]
    public async Task Pending_lists_each_entry_and_retry_keeps_it_while_the_sink_fails_then_delivers_the_identical_payload()
    {
        var (entry, bytes) = await FailedDeliveryAsync("20261120T235959123-aaaaaa");

        var pending = await Peepshow("sinks", "pending");
        var stillDown = await Peepshow("sinks", "retry", "--all");

        Assert.Equal(0, pending.ExitCode);
        var row = pending.StandardOutput.Split('\n')[2];
        Assert.Matches($@"^{entry.Id}  20261120T235959123-aaaaaa  warehouse  1 +\d+s +exit 5 \(remote or network failure\): peepshow-sink-dummy: failing on purpose", row);
        Assert.Equal(7, stillDown.ExitCode);
        Assert.Contains($"peepshow: sink warehouse failed: exit 5 (remote or network failure); still queued as {entry.Id} (attempt 2)", stillDown.StandardError);
        Assert.EndsWith("peepshow: retry: 0 delivered, 1 still pending\n", stillDown.StandardError);
        Assert.Equal(2, Assert.Single(Outbox.List()).Entry!.Attempts);

        var record = _box.Combine("record");
        SinkScripts.WriteDummy(SinkDir, "warehouse", new() { [DummySink.Env.RecordDir] = record });
        var fixedUp = await Peepshow("sinks", "retry", entry.Id[..20]);
        var empty = await Peepshow("sinks", "pending");

        Assert.Equal(0, fixedUp.ExitCode);
        Assert.Equal(
            "peepshow: sink warehouse ok: dummy: received run 20261120T235959123-aaaaaa\npeepshow: retry: 1 delivered, 0 still pending\n",
            fixedUp.StandardError);
        var delivered = DummySink.ReadRecord(record);
        Assert.Equal(bytes, delivered.Stdin);
        Assert.Equal(["t1"], delivered.Args);
        Assert.Contains("PEEPSHOW_PROTOCOL=1", delivered.Env);
        Assert.Empty(Outbox.List());
        Assert.Equal("nothing pending: every delivery has succeeded\n", empty.StandardOutput);
    }

    [Fact(Timeout = 120000)]
    public async Task Retry_all_replays_every_run_that_piled_up_while_the_backend_was_down()
    {
        var first = await FailedDeliveryAsync("20261120T000000000-aaaaaa");
        var second = await FailedDeliveryAsync("20261120T000000001-bbbbbb");
        var unreadable = Path.Combine(Outbox.Directory, "20261120T000000002-cccccc.json");
        await File.WriteAllTextAsync(unreadable, "{", TestContext.Current.CancellationToken);
        var record = _box.Combine("record");
        SinkScripts.Write(SinkDir, "warehouse", $"n=$(ls '{record}' 2>/dev/null | wc -l); mkdir -p '{record}'; cat > '{record}/'$n.json; echo stored $n");

        var result = await Peepshow("sinks", "retry", "--all");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("outbox entry 20261120T000000002-cccccc is unreadable", result.StandardError);
        Assert.EndsWith("peepshow: retry: 2 delivered, 1 still pending\n", result.StandardError);
        Assert.Equal(first.Payload, await File.ReadAllBytesAsync(Path.Combine(record, "0.json"), TestContext.Current.CancellationToken));
        Assert.Equal(second.Payload, await File.ReadAllBytesAsync(Path.Combine(record, "1.json"), TestContext.Current.CancellationToken));
        Assert.Equal([unreadable], Directory.GetFiles(Outbox.Directory, "*.json"));
        Assert.Equal("{", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(unreadable, TestContext.Current.CancellationToken)));
    }
}
