using Peepshow.Core.History;
using Peepshow.Core.Inputs;
using Peepshow.Core.Runs;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Core.Tests.History;

public sealed class RunHistorySpecs : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private RunHistory History => new(_dir.Combine("home", RunHistory.FileName));

    /// <summary>A run whose folder and manifest exist (or not), as a finished run leaves them.</summary>
    private RunRecord Record(int n, bool withFolder = true)
    {
        var folder = _dir.Combine($"run-{n}");
        if (withFolder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, RunManifest.FileName), "{}");
        }
        return new RunRecord
        {
            RunId = RunId.New(DateTimeOffset.UtcNow),
            CreatedAt = DateTimeOffset.UtcNow,
            Origin = RunRecord.OriginCli,
            Input = $"/videos/clip {n}.mp4",
            Frames = n,
            DurationSeconds = 12.5,
            Title = n % 2 == 0 ? $"Talk «{n}»" : null,
            RunFolder = folder,
            Manifest = Path.Combine(folder, RunManifest.FileName),
            Sinks = [new RunRecordSink("databricks", "ok", "https://dbc.example/explore/data/main/peepshow/runs"), new RunRecordSink("event-track", "failed")],
        };
    }

    [Fact(Timeout = 60_000)]
    public async Task Runs_appended_at_the_same_time_by_many_tasks_all_come_back_whole()
    {
        var records = Enumerable.Range(1, 64).Select(n => Record(n)).ToList();

        await Task.WhenAll(records.Select(r => Task.Run(() => new RunHistory(History.Path).AppendAsync(r, TestContext.Current.CancellationToken))));

        var reading = History.Read();
        Assert.Equal(0, reading.UnreadableLines);
        Assert.Equal(records.Select(r => r.RunId).Order(), reading.Entries.Select(e => e.Record.RunId).Order());
        var back = reading.Entries.Single(e => e.Record.RunId == records[1].RunId).Record;
        Assert.Equal(records[1], back with { Sinks = records[1].Sinks });
        Assert.Equal(records[1].Sinks, back.Sinks);
        Assert.All(reading.Entries, e => Assert.False(e.Missing));
    }

    [Fact(Timeout = 60_000)]
    public async Task Torn_and_garbage_lines_are_skipped_and_the_next_run_still_gets_a_line_of_its_own()
    {
        var first = Record(1);
        await History.AppendAsync(first, TestContext.Current.CancellationToken);
        // A hand edit, a line of another shape, and a line cut short by a crash (no newline at the end).
        await File.AppendAllTextAsync(History.Path, "not json at all\n\n{\"runId\": 42}\n[1,2]\nnull\n{\"runId\":\"2026", TestContext.Current.CancellationToken);
        var second = Record(2);

        await History.AppendAsync(second, TestContext.Current.CancellationToken);

        var reading = History.Read();
        Assert.Equal([first.RunId, second.RunId], reading.Entries.Select(e => e.Record.RunId));
        Assert.Equal(5, reading.UnreadableLines);
        Assert.Equal(second.RunId, History.Recent(1).Single().Record.RunId);
        Assert.Equal(first.RunId, History.Find(first.RunId)!.Record.RunId);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_run_folder_deleted_or_moved_by_hand_is_reported_missing()
    {
        var kept = Record(1);
        var deleted = Record(2);
        var moved = Record(3);
        foreach (var record in new[] { kept, deleted, moved })
            await History.AppendAsync(record, TestContext.Current.CancellationToken);
        Directory.Delete(deleted.RunFolder, recursive: true);
        Directory.Move(moved.RunFolder, moved.RunFolder + "-elsewhere");

        var entries = History.Recent(10);

        Assert.Equal([moved.RunId, deleted.RunId, kept.RunId], entries.Select(e => e.Record.RunId));
        Assert.Equal([true, true, false], entries.Select(e => e.Missing));
        Assert.True(History.Find(deleted.RunId)!.Missing);
    }

    [Fact(Timeout = 60_000)]
    public void A_history_that_does_not_exist_yet_reads_as_empty()
    {
        var reading = History.Read();

        Assert.Empty(reading.Entries);
        Assert.Equal(0, reading.UnreadableLines);
        Assert.Null(History.Find("20261205T120000000-aaaaaa"));
    }

    [Fact(Timeout = 60_000)]
    public async Task Removing_runs_keeps_every_other_line_as_it_was()
    {
        var records = Enumerable.Range(1, 4).Select(n => Record(n, withFolder: n != 2)).ToList();
        foreach (var record in records)
            await History.AppendAsync(record, TestContext.Current.CancellationToken);
        await File.AppendAllTextAsync(History.Path, "garbage\n", TestContext.Current.CancellationToken);

        var removed = await History.RemoveAsync(e => e.Missing, TestContext.Current.CancellationToken);

        Assert.Equal(records[1].RunId, Assert.Single(removed).Record.RunId);
        var reading = History.Read();
        Assert.Equal([records[0].RunId, records[2].RunId, records[3].RunId], reading.Entries.Select(e => e.Record.RunId));
        Assert.Equal(1, reading.UnreadableLines);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_finished_run_with_a_history_adds_its_line_and_a_failed_one_adds_none()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var services = new RunServices { Stdin = StdinSource.None, History = History, Origin = RunRecord.OriginMcp };

        // The first four shots are a run enough for the history; the rest of the clip would only cost its decode.
        var result = await Runs.Runs.ExtractAsync(clip.Path, _dir, r => r with { End = 6 }, services);
        using (var other = new TempDir())
            await Assert.ThrowsAsync<PeepshowException>(() => Runs.Runs.ExtractAsync(_dir.Combine("missing.mp4"), other, services: services));

        var entry = Assert.Single(History.Read().Entries);
        Assert.Equal(result.Payload.RunId, entry.Record.RunId);
        Assert.Equal(result.Payload.CreatedAt, entry.Record.CreatedAt);
        Assert.Equal(RunRecord.OriginMcp, entry.Record.Origin);
        Assert.Equal(clip.Path, entry.Record.Input);
        Assert.Equal(4, entry.Record.Frames);
        Assert.Equal(result.Payload.Video!.DurationSeconds, entry.Record.DurationSeconds);
        Assert.Equal(result.Payload.OutputDir, entry.Record.RunFolder);
        Assert.Equal(result.ManifestPath, entry.Record.Manifest);
        Assert.Empty(entry.Record.Sinks);
        Assert.False(entry.Missing);
    }
}
