using Peepshow.Core.History;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary><c>peepshow runs list|show|open|prune</c> through the real CLI, against histories its own runs wrote.</summary>
public sealed class RunsCommandSpecs : IDisposable
{
    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private Task<CliResult> Peepshow(params string[] args) => _box.Peepshow(args);

    private async Task<(string RunId, CliResult Result)> RunAsync(string folder, params string[] extra)
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        var result = await Peepshow([clip.Path, "-o", _box.Combine(folder), .. extra]);
        var id = new RunHistory(Path.Combine(_box.Home, RunHistory.FileName)).Read().Entries.Single(e => e.Record.RunFolder == _box.Combine(folder)).Record.RunId;
        return (id, result);
    }

    [Fact(Timeout = 300_000)]
    public async Task I_can_list_runs_newest_first_and_show_one_again_in_any_format_without_its_video()
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        var input = await TestMedia.CopyAsync(clip, _box.Combine("input.gif"), TestContext.Current.CancellationToken);
        var first = await Peepshow(input, "-o", _box.Combine("first"), "--emit", "json");
        var second = await Peepshow(input, "-o", _box.Combine("second"));
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        File.Delete(input);
        var entries = new RunHistory(Path.Combine(_box.Home, RunHistory.FileName)).Read().Entries;
        var (firstId, secondId) = (entries.Single(e => e.Record.RunFolder == _box.Combine("first")).Record.RunId, entries.Single(e => e.Record.RunFolder == _box.Combine("second")).Record.RunId);

        var list = await Peepshow("runs", "list");
        var json = await Peepshow("runs", "show", firstId, "--emit", "json");
        var paths = await Peepshow("runs", "show", secondId[..^2]);
        var timeline = await Peepshow("runs", "show", firstId, "--emit", "timeline");

        Assert.True(list.ExitCode == 0, list.ToString());
        var lines = list.StdoutLines;
        Assert.Equal(3, lines.Count);
        Assert.Matches(@"^RUN +WHEN +INPUT +FRAMES +DURATION +SINKS +TITLE$", lines[0]);
        Assert.StartsWith(secondId + "  ", lines[1]);
        Assert.StartsWith(firstId + "  ", lines[2]);
        Assert.Matches($@"^{firstId}  \d{{4}}-\d\d-\d\d \d\d:\d\d  …?\S*input\.gif +{entries[0].Record.Frames} +\d+:\d\d +-$", lines[2]);
        Assert.Equal(first.StandardOutput, json.StandardOutput);
        Assert.Equal(second.StandardOutput, paths.StandardOutput);
        Assert.Equal(0, timeline.ExitCode);
        Assert.Contains(Path.Combine(_box.Combine("first"), "frame_0001.jpg"), timeline.StandardOutput);
    }

    [Fact(Timeout = 300_000)]
    public async Task Runs_that_overlap_are_each_listed_once_and_each_shows_its_own_output_again()
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);

        var runs = await Task.WhenAll(Enumerable.Range(1, 3).Select(n => Peepshow(clip.Path, "-o", _box.Combine($"run-{n}"), "--emit", "json")));
        var list = await Peepshow("runs", "list");
        var ids = runs.Select(r => Protocol.ProtocolJson.Read(r.StandardOutput).Payload?.RunId ?? r.ToString()).ToList();
        var shown = await Task.WhenAll(ids.Select(id => Peepshow("runs", "show", id, "--emit", "json")));
        // Two agents asking for the same sheet at once: each draws into a file of its own, the last rename wins whole.
        var sheets = await Task.WhenAll(Peepshow("runs", "show", ids[0], "--emit", "sheet"), Peepshow("runs", "show", ids[0], "--emit", "sheet"));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        var finished = new RunHistory(Path.Combine(_box.Home, RunHistory.FileName)).Read().Entries.Select(e => e.Record.RunId).ToList();
        Assert.Equal(ids.Order(), finished.Order());
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(finished.AsEnumerable().Reverse(), list.StdoutLines.Skip(1).Select(l => l.Split("  ")[0]));
        for (var i = 0; i < runs.Length; i++)
            Assert.Equal(runs[i].StandardOutput, shown[i].StandardOutput);
        var sheet = Path.Combine(_box.Combine("run-1"), "contact.jpg");
        Assert.All(sheets, s => Assert.Equal(sheet + "\n", s.StandardOutput));
        var jpeg = File.ReadAllBytes(sheet);
        Assert.True(jpeg is [0xFF, 0xD8, ..] && jpeg[^2..] is [0xFF, 0xD9], "contact.jpg is not one whole JPEG");
        Assert.Equal(["contact.jpg"], Directory.EnumerateFiles(_box.Combine("run-1"), "*contact*").Select(Path.GetFileName));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_run_folder_moved_by_hand_is_listed_as_missing_and_showing_it_says_so_in_one_line()
    {
        var (id, run) = await RunAsync("moved");
        Assert.True(run.ExitCode == 0, run.ToString());
        Directory.Move(_box.Combine("moved"), _box.Combine("elsewhere"));

        var list = await Peepshow("runs");
        var show = await Peepshow("runs", "show", id);
        var open = await Peepshow("runs", "open", id);
        var unknown = await Peepshow("runs", "show", "19990101T000000000-zzzzzz");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("missing: folder deleted or moved", Assert.Single(list.StdoutLines, l => l.StartsWith(id, StringComparison.Ordinal)));
        Assert.Equal(4, show.ExitCode);
        Assert.StartsWith($"peepshow: run {id} is missing: {Path.Combine(_box.Combine("moved"), "manifest.json")} no longer exists", show.StderrLines[0]);
        Assert.Equal("", show.StandardOutput);
        Assert.Equal(4, open.ExitCode);
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("peepshow: no run 19990101T000000000-zzzzzz in the run history", unknown.StderrLines[0]);
    }

    [Fact(Timeout = 300_000)]
    public async Task Prune_deletes_what_runs_wrote_keeps_a_run_whose_delivery_is_pending_and_says_what_it_freed()
    {
        SinkScripts.WriteDummy(_box.SinkDir, "warehouse", new() { [DummySink.Env.Exit] = "5" });
        var (oldest, _) = await RunAsync("oldest");
        var (pending, failed) = await RunAsync("pending", "--sink", "warehouse");
        var (shared, _) = await RunAsync("shared");
        File.WriteAllText(_box.Combine("shared", "notes.txt"), "mine, not peepshow's");
        var (busy, _) = await RunAsync("busy");
        var (gone, _) = await RunAsync("gone");
        Directory.Delete(_box.Combine("gone"), recursive: true);
        var (newest, _) = await RunAsync("newest");
        // A failed delivery does not fail the run: it waits in the outbox.
        Assert.True(failed.ExitCode == 0, failed.ToString());
        Assert.Equal(pending, Assert.Single(_box.Outbox.List()).Entry!.RunId);
        var oldestBytes = Directory.EnumerateFiles(_box.Combine("oldest")).Sum(f => new FileInfo(f).Length);

        var nothing = await Peepshow("runs", "prune", "--older-than", "7d");
        CliResult prune;
        // What a run working in that folder again holds (peepshow -o busy): its lock.
        using (Core.State.FileLock.TryAcquire(_box.Combine("busy", ".peepshow.lock")))
            prune = await Peepshow("runs", "prune", "--keep", "1");
        var list = await Peepshow("runs", "list");

        Assert.Equal("nothing to prune\n", nothing.StandardOutput);
        Assert.True(prune.ExitCode == 0, prune.ToString());
        Assert.Contains($"forgot {gone}: {_box.Combine("gone")} was already missing", prune.StdoutLines);
        Assert.Contains($"deleted {oldest}: {_box.Combine("oldest")} ({oldestBytes / 1024.0:0} KB)", prune.StdoutLines);
        Assert.Contains($"deleted {shared}: {_box.Combine("shared")} (", Assert.Single(prune.StdoutLines, l => l.Contains(shared, StringComparison.Ordinal)));
        Assert.EndsWith("the folder stays, it holds files peepshow did not write", Assert.Single(prune.StdoutLines, l => l.Contains(shared, StringComparison.Ordinal)));
        Assert.Contains($"kept {pending}: a delivery is still pending (peepshow sinks pending)", prune.StdoutLines);
        Assert.Contains($"kept {busy}: another peepshow run is using {_box.Combine("busy")}", prune.StdoutLines);
        Assert.True(File.Exists(_box.Combine("busy", "manifest.json")));
        Assert.Matches(@"^pruned 3 runs, freed \d+ KB$", prune.StdoutLines[^1]);
        Assert.False(Directory.Exists(_box.Combine("oldest")));
        // The folder keeps what is not the run's, and its lock file (which only ever goes with the folder).
        Assert.Equal([".peepshow.lock", "notes.txt"], Directory.EnumerateFileSystemEntries(_box.Combine("shared")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(_box.Combine("pending", "manifest.json")));
        Assert.True(File.Exists(_box.Combine("newest", "manifest.json")));
        Assert.Equal([newest, busy, pending], list.StdoutLines.Skip(1).Select(l => l.Split("  ")[0]));
    }

    [Fact(Timeout = 120_000)]
    public async Task Prune_wants_exactly_one_rule_and_an_age_it_understands()
    {
        var neither = await Peepshow("runs", "prune");
        var both = await Peepshow("runs", "prune", "--keep", "3", "--older-than", "2w");
        var garbled = await Peepshow("runs", "prune", "--older-than", "seven days");

        Assert.Equal(2, neither.ExitCode);
        Assert.Equal("peepshow: give one of --older-than <age> or --keep <n>", neither.StderrLines[0]);
        Assert.Equal(2, both.ExitCode);
        Assert.Equal(2, garbled.ExitCode);
        Assert.Contains("--older-than takes an age like 90m, 36h, 7d or 2w (got 'seven days')", garbled.StandardError);
    }

    [Fact(Timeout = 300_000)]
    public async Task Runs_open_hands_the_report_to_the_desktop_opener_started_where_peepshow_was()
    {
        var (id, run) = await RunAsync("opened");
        Assert.True(run.ExitCode == 0, run.ToString());
        var bin = Directory.CreateDirectory(_box.Combine("bin")).FullName;
        var here = Directory.CreateDirectory(_box.Combine("here")).FullName;
        var opened = _box.Combine("opened.txt");
        var opener = Path.Combine(bin, "xdg-open");
        File.WriteAllText(opener, $"#!/bin/sh\necho \"$1\" > '{opened}'\npwd >> '{opened}'\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(opener, (UnixFileMode)0b111_101_101);
        _box.Process.WithEnvironment("PATH", bin + ":" + Environment.GetEnvironmentVariable("PATH")).WithWorkingDirectory(here);

        var result = await Peepshow("runs", "open", id);

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = Path.Combine(_box.Combine("opened"), "report.html");
        Assert.Equal(report + "\n", result.StandardOutput);
        Assert.Equal(report + "\n" + here + "\n", File.ReadAllText(opened));
    }
}
