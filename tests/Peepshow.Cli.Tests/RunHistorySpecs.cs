using Peepshow.Core.History;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>The run history the real CLI keeps in PEEPSHOW_HOME/runs.jsonl.</summary>
public sealed class RunHistorySpecs
{
    [Fact(Timeout = 300_000)]
    public async Task Every_finished_run_adds_one_line_even_when_runs_overlap_and_a_failed_run_adds_none()
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();
        using var dir = new TempDir();

        var runs = await Task.WhenAll(Enumerable.Range(1, 4).Select(n =>
            peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "-o", dir.Combine($"run-{n}"), "-q")));
        var failed = await peepshow.RunAsync(TestContext.Current.CancellationToken, dir.Combine("missing.mp4"));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.ToString()));
        Assert.Equal(4, failed.ExitCode);
        var reading = new RunHistory(Path.Combine(peepshow.Home, RunHistory.FileName)).Read();
        Assert.Equal(0, reading.UnreadableLines);
        Assert.Equal(4, reading.Entries.Count);
        Assert.Equal(Enumerable.Range(1, 4).Select(n => dir.Combine($"run-{n}")), reading.Entries.Select(e => e.Record.RunFolder).Order());
        Assert.All(reading.Entries, e =>
        {
            Assert.Equal(RunRecord.OriginCli, e.Record.Origin);
            Assert.Equal(clip.Path, e.Record.Input);
            Assert.Equal(Path.Combine(e.Record.RunFolder, "manifest.json"), e.Record.Manifest);
            Assert.False(e.Missing);
        });
        Assert.Equal(4, reading.Entries.Select(e => e.Record.RunId).Distinct().Count());
    }
}
