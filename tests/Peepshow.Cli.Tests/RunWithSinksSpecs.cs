using System.Text;
using System.Text.Json;
using Peepshow.Protocol;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// <c>peepshow &lt;clip&gt; --sink …</c> end to end: real extraction, real sink processes. Each run looks at the first three
/// seconds (two shots) of its clip: the delivery is the spec here, not the selection.
/// </summary>
public sealed class RunWithSinksSpecs : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private static Task<GeneratedClip> Clip() => TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);

    private static JsonElement ManifestSinks(string stdoutJson)
    {
        var outputDir = ProtocolJson.Read(stdoutJson).Payload!.OutputDir;
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outputDir, "manifest.json")));
        return manifest.RootElement.GetProperty("sinks").Clone();
    }

    [Fact(Timeout = 180_000)]
    public async Task A_sink_gets_exactly_what_emit_json_prints_and_pipe_mode_delivers_the_same_payload()
    {
        var clip = await Clip();
        var record = _box.Combine("record");
        _box.Process.WithEnvironment(DummySink.Env.RecordDir, record);

        var run = await _box.Peepshow(clip.Path, "--emit", "json", "--no-audio", "--end", "3", "--sink", "dummy:a:b c");

        Assert.True(run.ExitCode == 0, run.ToString());
        var runId = ProtocolJson.Read(run.StandardOutput).Payload!.RunId;
        var received = DummySink.ReadRecord(record);
        Assert.Equal(Encoding.UTF8.GetBytes(run.StandardOutput), received.Stdin);
        Assert.Equal(["a", "b c"], received.Args);
        Assert.Contains("PEEPSHOW_PROTOCOL=1", received.Env);
        Assert.Equal($"peepshow: sink dummy ok: dummy: received run {runId}\n", run.StandardError);
        var sink = Assert.Single(ManifestSinks(run.StandardOutput).EnumerateArray());
        Assert.Equal(("dummy", "ok", 0, $"dummy: received run {runId}"),
            (sink.GetProperty("name").GetString(), sink.GetProperty("status").GetString(), sink.GetProperty("exitCode").GetInt32(), sink.GetProperty("record").GetString()));

        var piped = _box.Combine("piped");
        var pipe = await DummySink.RunAsync(Encoding.UTF8.GetBytes(run.StandardOutput), new Dictionary<string, string> { [DummySink.Env.RecordDir] = piped },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, pipe.ExitCode);
        Assert.Equal(received.Stdin, DummySink.ReadRecord(piped).Stdin);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_failing_sink_does_not_change_the_exit_code_and_its_run_is_delivered_by_retry_once_the_backend_is_back()
    {
        var clip = await Clip();
        _box.Process.WithEnvironment(DummySink.Env.Exit, "5");

        var run = await _box.Peepshow(clip.Path, "--emit", "json", "--no-audio", "--end", "3", "--sink", "dummy", "--sink-cmd", "cat > /dev/null; echo second ran");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.StandardError.Split('\n');
        Assert.StartsWith("peepshow: sink dummy failed: exit 5 (remote or network failure); queued as ", lines[0]);
        Assert.Equal("peepshow: sink dummy stderr: peepshow-sink-dummy: failing on purpose with exit 5 (DUMMY_SINK_EXIT)", lines[1]);
        Assert.Equal("peepshow: sink cmd:cat ok: second ran", lines[2]);
        Assert.Equal(["failed", "ok"], ManifestSinks(run.StandardOutput).EnumerateArray().Select(s => s.GetProperty("status").GetString()));
        var entry = Assert.Single(_box.Outbox.List()).Entry!;
        Assert.Equal(run.StandardOutput, entry.Payload);

        var record = _box.Combine("record");
        _box.Process.WithEnvironment(DummySink.Env.Exit, null).WithEnvironment(DummySink.Env.RecordDir, record);
        var retry = await _box.Peepshow("sinks", "retry", "--all");

        Assert.Equal(0, retry.ExitCode);
        Assert.Equal(Encoding.UTF8.GetBytes(run.StandardOutput), DummySink.ReadRecord(record).Stdin);
        Assert.Empty(_box.Outbox.List());
    }

    [Fact(Timeout = 180_000)]
    public async Task Auto_sinks_run_after_the_CLI_ones_when_their_when_clauses_match_and_not_with_no_auto_sinks()
    {
        var clip = await Clip();
        var log = _box.Combine("order.log");
        await _box.Peepshow("sinks", "add-cmd", $"echo auto-mp4 >> '{log}'", "--when", "extension=MP4", "--when", "codec=h264,hevc");
        await _box.Peepshow("sinks", "add-cmd", $"echo auto-mkv >> '{log}'", "--when", "ext=mkv");

        var run = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--sink-cmd", $"echo cli >> '{log}'");
        var without = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "--no-auto-sinks");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("peepshow: 1 auto-sink skipped (--when did not match: #2 cmd:echo)\n", run.StandardError);
        Assert.Equal(["cli", "auto-mp4"], await File.ReadAllLinesAsync(log, TestContext.Current.CancellationToken));
        Assert.Equal(0, without.ExitCode);
        Assert.Empty(without.StandardError);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_invalid_sink_name_is_refused_with_exit_2_before_anything_runs()
    {
        var result = await _box.Peepshow("/nonexistent/clip.mp4", "--sink", "../evil");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("peepshow: --sink: '../evil' is not a valid sink name", result.StandardError);
    }

    [Fact(Timeout = 180_000)]
    public async Task Frames_a_pending_delivery_points_at_are_not_deleted_by_a_later_run_into_the_same_folder()
    {
        var clip = await Clip();
        var output = _box.Combine("out");
        var first = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "-o", output, "--sink", "missing");
        var frames = Directory.GetFiles(output, "frame_*");

        var second = await _box.Peepshow(clip.Path, "--no-audio", "--end", "3", "-o", output);

        Assert.Equal(0, first.ExitCode);
        Assert.Single(_box.Outbox.List());
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("holds frames of a run whose delivery is still in the outbox", second.StandardError);
        Assert.Equal(frames, Directory.GetFiles(output, "frame_*"));
    }
}
