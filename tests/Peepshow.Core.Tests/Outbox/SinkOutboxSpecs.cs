using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Peepshow.Core.Outbox;
using Peepshow.Core.Sinks;
using Peepshow.Core.Tests.Sinks;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Outbox;

public sealed class SinkOutboxSpecs : IDisposable
{
    private readonly SinkSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private string SinkDir => _box.SinkDir;

    private SinkOutbox Outbox => _box.Outbox;

    private SinkDispatcher Dispatcher() => _box.Dispatcher();

    private async Task<(OutboxEntry Entry, byte[] Bytes)> FailOnceAsync()
    {
        SinkScripts.WriteDummy(SinkDir, "db", new() { [DummySink.Env.Exit] = "5" });
        var payload = _box.Payload();
        var bytes = RunPayloads.Bytes(payload);
        await Dispatcher().DispatchAsync(payload, bytes, [SinkSpec.ParseName("db:arg")], [], TestContext.Current.CancellationToken);
        return (Assert.Single(Outbox.List()).Entry!, bytes);
    }

    [Fact(Timeout = 60000)]
    public async Task Retrying_with_the_sink_fixed_delivers_the_identical_payload_and_removes_the_entry()
    {
        var (entry, bytes) = await FailOnceAsync();
        SinkScripts.WriteDummy(SinkDir, "db", new() { [DummySink.Env.RecordDir] = _box.Combine("record") });

        var report = await Dispatcher().RetryAsync([entry.Id], TestContext.Current.CancellationToken);

        Assert.Equal(new RetryReport(Delivered: 1, Failed: 0, Busy: 0), report);
        var record = DummySink.ReadRecord(_box.Combine("record"));
        Assert.Equal(bytes, record.Stdin);
        Assert.Equal(["arg"], record.Args);
        Assert.Empty(Outbox.List());
        Assert.Empty(Directory.GetFiles(Outbox.Directory, "*", SearchOption.AllDirectories));
        Assert.EndsWith("peepshow: sink db ok: dummy: received run 20261120T235959123-k3x9q2\n", _box.Stderr.ToString());
    }

    [Fact(Timeout = 60000)]
    public async Task Retrying_while_the_sink_still_fails_keeps_the_entry_and_counts_the_attempt()
    {
        var (entry, _) = await FailOnceAsync();

        var report = await Dispatcher().RetryAsync([entry.Id], TestContext.Current.CancellationToken);

        Assert.Equal(new RetryReport(Delivered: 0, Failed: 1, Busy: 0), report);
        var after = Assert.Single(Outbox.List()).Entry!;
        Assert.Equal(entry.Id, after.Id);
        Assert.Equal(2, after.Attempts);
        Assert.Equal(entry.Payload, after.Payload);
        Assert.True(after.LastAttemptAt > entry.LastAttemptAt);
        Assert.Contains($"still queued as {entry.Id} (attempt 2)", _box.Stderr.ToString());
    }

    [Fact(Timeout = 60000)]
    public async Task An_entry_another_process_is_delivering_is_left_alone()
    {
        var (entry, _) = await FailOnceAsync();
        var held = Outbox.TryTake(entry.Id);
        Assert.NotNull(held);

        using (held.Value.Lock)
        {
            var report = await Dispatcher().RetryAsync([entry.Id], TestContext.Current.CancellationToken);

            Assert.Equal(1, report.Busy);
            Assert.True(Outbox.IsBusy(entry.Id));
        }
        Assert.Equal(1, Assert.Single(Outbox.List()).Entry!.Attempts);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task An_entry_is_one_json_file_holding_the_spec_and_the_payload_text_verbatim()
    {
        var payload = _box.Payload();
        var bytes = RunPayloads.Bytes(payload);

        var (entry, held) = await Outbox.BeginAsync(SinkSpec.ParseName("db:x"), bytes, payload.RunId, TestContext.Current.CancellationToken);
        held.Dispose();

        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Outbox.Directory, entry.Id + ".json"), TestContext.Current.CancellationToken));
        var root = json.RootElement;
        Assert.Matches(@"^\d{8}T\d{9}-[0-9a-z]{6}$", entry.Id);
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(entry.Id, root.GetProperty("id").GetString());
        Assert.Equal(payload.RunId, root.GetProperty("runId").GetString());
        Assert.Equal("db", root.GetProperty("sink").GetProperty("name").GetString());
        Assert.Equal(bytes, Encoding.UTF8.GetBytes(root.GetProperty("payload").GetString()!));
        Assert.Equal(0, root.GetProperty("attempts").GetInt32());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("createdAt").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Outbox.Directory));
    }

    [Fact]
    public async Task Frames_the_run_folder_and_its_parents_are_protected_while_a_payload_referencing_them_is_pending()
    {
        var run = _box.Combine("runs", "peepshow-abc");
        var payload = RunPayloads.Sample(run);
        var outbox = Outbox;
        using var _ = (await outbox.BeginAsync(SinkSpec.ParseName("db"), RunPayloads.Bytes(payload), payload.RunId, TestContext.Current.CancellationToken)).Lock;

        Assert.True(outbox.Protects(Path.Combine(run, "frame_0001.jpg")));
        Assert.True(outbox.Protects(Path.Combine(run, "report.html")));
        Assert.True(outbox.Protects(run + "/"));
        Assert.True(outbox.Protects(_box.Combine("runs")));
        Assert.False(outbox.Protects(_box.Combine("runs", "peepshow-other")));
        Assert.False(outbox.Protects(run + "-2"));
    }

    [Fact]
    public void An_unreadable_entry_is_listed_with_the_reason_and_never_removed()
    {
        Directory.CreateDirectory(Outbox.Directory);
        var file = Path.Combine(Outbox.Directory, "20260101T000000000-broken.json");
        File.WriteAllText(file, "{ not json");

        var listing = Assert.Single(Outbox.List());

        Assert.Null(listing.Entry);
        Assert.StartsWith("not valid JSON", listing.Problem);
        Assert.Null(Outbox.TryTake(listing.Id));
        Assert.True(File.Exists(file));
    }
}
