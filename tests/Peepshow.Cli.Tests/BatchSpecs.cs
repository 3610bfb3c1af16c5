using System.Globalization;
using System.Text;
using System.Text.Json;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>
/// <c>peepshow batch</c> end to end: the real CLI over generated clips, a shell sink counting deliveries. Each run
/// looks at the first three seconds (two shots) of its clip: the batch is the spec here, not the selection.
/// </summary>
public sealed class BatchSpecs : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    /// <summary>A sink that keeps every payload it is given, one file per delivery.</summary>
    private string DeliverySink(string folder)
    {
        Directory.CreateDirectory(folder);
        return $"cat > \"$(mktemp '{folder}/delivery.XXXXXX')\"; echo stored";
    }

    private static IReadOnlyList<string> DeliveredRunIds(string folder) =>
        [.. Directory.GetFiles(folder).Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("runId").GetString()!).Order()];

    private IReadOnlyList<JsonElement> HistoryLines() =>
        [.. File.ReadAllLines(Path.Combine(_box.Home, "runs.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private static IReadOnlyList<JsonElement> Lines(CliResult run) =>
        [.. run.StdoutLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).OrderBy(l => l.GetProperty("input").GetString(), StringComparer.Ordinal)];

    private async Task<string> ClipsAsync(params string[] names)
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var folder = Directory.CreateDirectory(_box.Combine("clips")).FullName;
        foreach (var name in names)
        {
            if (name.StartsWith("broken", StringComparison.Ordinal))
                File.WriteAllText(Path.Combine(folder, name), "this is not a video");
            else
                File.Copy(clip.Path, Path.Combine(folder, name));
        }
        return folder;
    }

    [Fact(Timeout = 300_000)]
    public async Task Relative_inputs_lists_and_the_output_root_start_in_the_folder_peepshow_runs_in()
    {
        await ClipsAsync("a.mp4", "b.mp4");
        File.WriteAllLines(_box.Combine("list.txt"), [Path.Combine("clips", "b.mp4")]);
        _box.Process.WithWorkingDirectory(_box.Combine());

        var run = await _box.Peepshow("batch", Path.Combine("clips", "a.mp4"), "--from", "list.txt", "--output-root", "runs", "--max", "2", "--end", "3", "--no-audio");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([_box.Combine("clips", "a.mp4"), _box.Combine("clips", "b.mp4")], Lines(run).Select(l => l.GetProperty("input").GetString()));
        Assert.All(Lines(run), l => Assert.StartsWith(_box.Combine("runs") + Path.DirectorySeparatorChar, l.GetProperty("runFolder").GetString()));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_failure_in_the_middle_is_reported_and_a_replay_runs_only_what_is_missing_without_a_second_delivery()
    {
        var clips = await ClipsAsync("a.mp4", "broken.mp4", "c.mp4");
        var deliveries = _box.Combine("deliveries");
        var root = _box.Combine("runs");
        string[] args = ["batch", clips, "--output-root", root, "--jobs", "2", "--max", "4", "--end", "3", "--no-audio", "--sink-cmd", DeliverySink(deliveries)];

        var first = await _box.Peepshow(args);

        Assert.True(first.ExitCode == 9, first.ToString());
        var lines = Lines(first);
        Assert.Equal(["ok", "failed", "ok"], lines.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal(4, lines[1].GetProperty("exitCode").GetInt32());
        Assert.Equal("broken.mp4 is a text file, not a video", lines[1].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("runFolder").ValueKind);
        Assert.Equal("stored", lines[0].GetProperty("sinks")[0].GetProperty("record").GetString());
        var okIds = new[] { lines[0], lines[2] }.Select(l => l.GetProperty("runId").GetString()!).Order().ToList();
        Assert.Equal(okIds, DeliveredRunIds(deliveries));
        Assert.Equal(okIds, Directory.GetDirectories(root).Select(d => Path.GetFileName(d)!).Order().ToList());
        Assert.Contains($"peepshow batch: failed (exit 4): {Path.Combine(clips, "broken.mp4")}: broken.mp4 is a text file, not a video", first.StderrLines);
        Assert.Contains(first.StderrLines, l => l.StartsWith("peepshow batch: 3 inputs: 2 ok, 0 skipped (done before), 1 failed in ", StringComparison.Ordinal));
        // Recorded like any run: one history line per finished run.
        Assert.Equal(okIds, HistoryLines().Select(l => l.GetProperty("runId").GetString()!).Order());
        Assert.All(HistoryLines(), l => Assert.Equal("batch", l.GetProperty("origin").GetString()));

        var replay = await _box.Peepshow(args);

        Assert.True(replay.ExitCode == 9, replay.ToString());
        var again = Lines(replay);
        Assert.Equal(["skipped", "failed", "skipped"], again.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal(lines.Select(l => l.GetProperty("runId").GetString()), again.Select(l => l.GetProperty("runId").GetString()));
        Assert.Equal(okIds, DeliveredRunIds(deliveries));
        Assert.Equal(2, HistoryLines().Count);

        // Fixed, the broken input runs; --force redoes the others under the same run ids, so a backend keyed on run_id updates its rows.
        File.Copy(Path.Combine(clips, "a.mp4"), Path.Combine(clips, "broken.mp4"), overwrite: true);
        var forced = await _box.Peepshow([.. args, "--force"]);

        Assert.True(forced.ExitCode == 0, forced.ToString());
        var redone = Lines(forced);
        Assert.All(redone, l => Assert.Equal("ok", l.GetProperty("status").GetString()));
        Assert.Equal(okIds, new[] { redone[0], redone[2] }.Select(l => l.GetProperty("runId").GetString()!).Order());
        Assert.Equal(5, DeliveredRunIds(deliveries).Count);
        Assert.Equal(3, DeliveredRunIds(deliveries).Distinct().Count());
    }

    [Fact(Timeout = 300_000)]
    public async Task A_batch_killed_during_a_delivery_finishes_after_sinks_retry_with_one_run_id_per_input()
    {
        var ct = TestContext.Current.CancellationToken;
        var clips = await ClipsAsync("a.mp4", "b.mp4", "c.mp4");
        var deliveries = Directory.CreateDirectory(_box.Combine("deliveries")).FullName;
        var hung = _box.Combine("hung-sink.pid");
        var root = _box.Combine("runs");
        // Every delivery is kept; the second one then hangs (its pid written first) until the spec kills the batch.
        var sink = $"f=$(mktemp '{deliveries}/delivery.XXXXXX'); cat > \"$f\"; " +
                   $"if [ \"$(ls '{deliveries}' | wc -l)\" = 2 ] && [ ! -e '{hung}' ]; then echo $$ > '{hung}'; exec sleep 600; fi; echo stored";
        string[] args = ["batch", clips, "--output-root", root, "--jobs", "1", "--max", "2", "--end", "3", "--no-audio", "--sink-cmd", sink];

        var batch = _box.Process.Command(args).WithValidation(CommandResultValidation.None).ExecuteAsync(ct);
        while (!File.Exists(hung) || (await File.ReadAllTextAsync(hung, ct)).Trim().Length == 0)
        {
            Assert.False(batch.Task.IsCompleted, "the batch ended before its second delivery");
            await Task.Delay(50, ct);
        }
        // A crash: no chance to clean up, and the sink's payload already stored.
        var sinkPid = (await File.ReadAllTextAsync(hung, ct)).Trim();
        await CliWrap.Cli.Wrap("kill").WithArguments(["-KILL", batch.ProcessId.ToString(CultureInfo.InvariantCulture), sinkPid]).RunAsync(cancellationToken: ct);
        await batch;
        var crashed = DeliveredRunIds(deliveries);
        Assert.Equal(2, crashed.Count);
        var unfinished = Assert.Single(Directory.GetDirectories(root), d => !File.Exists(Path.Combine(d, "manifest.json")));

        // The killed delivery is still in the outbox, which guards its frames: that input waits for it, the others run.
        var replay = await _box.Peepshow(args);

        Assert.True(replay.ExitCode == 9, replay.ToString());
        var lines = Lines(replay);
        Assert.Equal(["skipped", "failed", "ok"], lines.Select(l => l.GetProperty("status").GetString()));
        Assert.Equal((Path.GetFileName(unfinished), 2), (lines[1].GetProperty("runId").GetString(), lines[1].GetProperty("exitCode").GetInt32()));
        Assert.Contains("whose delivery is still in the outbox; deliver it first (peepshow sinks pending, peepshow sinks retry)", lines[1].GetProperty("error").GetString());

        var retry = await _box.Peepshow("sinks", "retry", "--all");
        var last = await _box.Peepshow(args);

        Assert.True(retry.ExitCode == 0, retry.ToString());
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(["skipped", "ok", "skipped"], Lines(last).Select(l => l.GetProperty("status").GetString()));
        // The run killed during its delivery was delivered again by the retry and by the redo, always under the
        // same run id: a sink keyed on run_id (every built-in one) keeps one record per input.
        var delivered = DeliveredRunIds(deliveries);
        Assert.Equal(lines.Select(l => l.GetProperty("runId").GetString()!).Order(), delivered.Distinct());
        Assert.Equal(3, delivered.Count(id => id == Path.GetFileName(unfinished)));
        Assert.Equal(5, delivered.Count);
    }

    [Fact(Timeout = 300_000)]
    public async Task Ctrl_C_keeps_the_finished_runs_undoes_the_one_in_flight_and_the_same_command_finishes_the_rest_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var clips = await ClipsAsync("a.mp4");
        var clip = Path.Combine(clips, "a.mp4");
        // The input still arriving when Ctrl+C comes: a pipe the spec feeds, read like any pipe given as a path.
        var fifo = Path.Combine(clips, "b.mp4");
        var mkfifo = await CliWrap.Cli.Wrap("mkfifo").WithArguments([fifo]).RunAsync(cancellationToken: ct);
        Assert.Equal(0, mkfifo.ExitCode);
        var deliveries = _box.Combine("deliveries");
        var root = _box.Combine("runs");
        string[] args = ["batch", clip, fifo, "--output-root", root, "--jobs", "2", "--max", "4", "--end", "3", "--no-audio", "--sink-cmd", DeliverySink(deliveries)];

        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var feeding = Task.Run(async () =>
        {
            await using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            var bytes = await File.ReadAllBytesAsync(clip, ct);
            await pipe.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), ct);
            await pipe.FlushAsync(ct);
            await Task.Delay(Timeout.Infinite, stalled.Token);
        }, ct);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var batch = _box.Process.Command(args)
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr, Encoding.UTF8))
            .ExecuteAsync(ct);
        while (!(stdout.ToString().Contains('\n') && Directory.GetFiles(root, "input.part", SearchOption.AllDirectories).Length == 1))
        {
            Assert.False(batch.Task.IsCompleted, $"the batch ended early:\n{stderr}");
            await Task.Delay(50, ct);
        }
        var inFlight = Path.GetDirectoryName(Directory.GetFiles(root, "input.part", SearchOption.AllDirectories)[0])!;

        await CliWrap.Cli.Wrap("kill").WithArguments(["-INT", batch.ProcessId.ToString(CultureInfo.InvariantCulture)]).RunAsync(cancellationToken: ct);
        var interrupted = await batch;
        await stalled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feeding);

        Assert.True(interrupted.ExitCode == 130, $"exit {interrupted.ExitCode}\n{stderr}");
        var done = Assert.Single(stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var line = JsonDocument.Parse(done).RootElement;
        Assert.Equal((clip, "ok"), (line.GetProperty("input").GetString(), line.GetProperty("status").GetString()));
        Assert.Equal([line.GetProperty("runFolder").GetString()!], Directory.GetDirectories(root));
        Assert.False(Directory.Exists(inFlight));
        Assert.Equal(
        [
            $"peepshow batch: {fifo}: interrupted; the partial run was removed",
            $"peepshow batch: interrupted after 1 of 2 inputs (1 ok, 0 skipped, 0 failed); finished runs stay in {root}, " +
            "runs in flight were undone; run the same command to go on",
        ], stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("peepshow batch:", StringComparison.Ordinal)));
        Assert.Single(DeliveredRunIds(deliveries));

        // The same command again, the pipe fed whole this time: the finished input is skipped, the other runs once.
        var feedingWhole = Task.Run(async () =>
        {
            await using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            await pipe.WriteAsync(await File.ReadAllBytesAsync(clip, ct), ct);
        }, ct);
        var replay = await _box.Peepshow(args);
        await feedingWhole;

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Equal(["skipped", "ok"], Lines(replay).Select(l => l.GetProperty("status").GetString()));
        Assert.Equal(Lines(replay).Select(l => l.GetProperty("runId").GetString()!).Order(), DeliveredRunIds(deliveries));
    }

    [Fact(Timeout = 180_000)]
    public async Task On_a_terminal_a_progress_bar_counts_the_inputs_with_their_rate_and_stdout_keeps_only_the_lines()
    {
        var ct = TestContext.Current.CancellationToken;
        var clips = await ClipsAsync("a.mp4", "b.mp4");
        var ndjson = _box.Combine("out.ndjson");
        var (program, arguments) = PeepshowProcess.Invocation(["batch", clips, "--output-root", _box.Combine("runs"), "--jobs", "1", "--max", "2", "--end", "3", "--no-audio"]);
        // script(1) gives the batch a terminal for stderr; stdout goes to a file, as in `peepshow batch … > runs.ndjson`.
        var line = $"stty cols 160 rows 40; {string.Join(' ', new[] { program }.Concat(arguments).Select(ShellQuote))} > {ShellQuote(ndjson)}";

        var terminal = await _box.Process.Command([])
            .WithTargetFile("script")
            .WithArguments(["-qec", line, "/dev/null"])
            .WithEnvironmentVariable("TERM", "xterm-256color")
            .WithEnvironmentVariable("SHELL", "/bin/sh")
            .RunBufferedAsync(TimeSpan.FromMinutes(2), cancellationToken: ct);

        Assert.True(terminal.ExitCode == 0, terminal.StandardOutput);
        Assert.Contains("1/2: 1 ok, 0 skipped, 0 failed, ", terminal.StandardOutput);
        Assert.Contains("/min", terminal.StandardOutput);
        Assert.Contains("peepshow batch: 2 inputs: 2 ok, 0 skipped (done before), 0 failed in ", terminal.StandardOutput);
        Assert.All(File.ReadAllLines(ndjson), l => Assert.Equal("ok", JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()));
        Assert.Equal(2, File.ReadAllLines(ndjson).Length);
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [Fact(Timeout = 300_000)]
    public async Task Four_sharded_workers_run_every_input_exactly_once()
    {
        var clips = await ClipsAsync("a.mp4", "b.mp4", "c.mp4", "d.mp4", "e.mp4", "f.mp4");
        var deliveries = _box.Combine("deliveries");
        var root = _box.Combine("runs");

        var workers = await Task.WhenAll(Enumerable.Range(0, 4).Select(k =>
            _box.Peepshow("batch", clips, "--shard", $"{k}/4", "--output-root", root, "--jobs", "1", "--max", "2", "--end", "3", "--no-audio", "--sink-cmd", DeliverySink(deliveries))));

        Assert.All(workers, w => Assert.True(w.ExitCode == 0, w.ToString()));
        var inputs = workers.SelectMany(Lines).Select(l => l.GetProperty("input").GetString()).Order().ToList();
        Assert.Equal(Directory.GetFiles(clips).Order(), inputs);
        Assert.Equal(6, DeliveredRunIds(deliveries).Distinct().Count());
        Assert.Equal(6, DeliveredRunIds(deliveries).Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Shard_auto_outside_an_array_job_and_a_batch_with_no_inputs_are_bad_arguments()
    {
        var clips = await ClipsAsync("a.mp4");
        _box.Process.WithEnvironment("SLURM_ARRAY_TASK_ID", null).WithEnvironment("JOB_COMPLETION_INDEX", null)
            .WithEnvironment("AWS_BATCH_JOB_ARRAY_INDEX", null).WithEnvironment("PEEPSHOW_SHARD_INDEX", null);

        var auto = await _box.Peepshow("batch", clips, "--shard", "auto", "--output-root", _box.Combine("runs"));
        var empty = await _box.Peepshow("batch", _box.Combine("nothing-here", "*.mp4"), "--output-root", _box.Combine("runs"));

        Assert.True(auto.ExitCode == 2, auto.ToString());
        Assert.StartsWith("peepshow: --shard auto found no array-job index", auto.StandardError);
        Assert.True(empty.ExitCode == 2, empty.ToString());
        Assert.StartsWith("peepshow: batch found no inputs", empty.StandardError);
        Assert.False(Directory.Exists(_box.Combine("runs")));
    }

    [Fact(Timeout = 60_000)]
    public async Task Batch_takes_the_extraction_flags_with_the_same_checks_as_a_single_run()
    {
        var clips = await ClipsAsync("a.mp4");

        var single = await _box.Peepshow(Path.Combine(clips, "a.mp4"), "--min", "9", "--max", "3");
        var batch = await _box.Peepshow("batch", clips, "--min", "9", "--max", "3");

        Assert.Equal(2, batch.ExitCode);
        Assert.Equal(single.StderrLines[0], batch.StderrLines[0]);
    }
}
