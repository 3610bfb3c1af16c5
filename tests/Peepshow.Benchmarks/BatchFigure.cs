using System.Globalization;

namespace Peepshow.Benchmarks;

/// <summary>
/// The batch figure: the same generated clips through <c>peepshow batch</c> with <c>--jobs 1</c> and
/// <c>--jobs 2</c>, as clips per minute, the speed-up, and peak RSS (GNU time: the largest process of the run).
/// </summary>
public sealed class BatchFigure : IBenchFigure
{
    public const int ClipSeconds = 10;

    public async Task RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (options.BatchClips <= 0)
            return;
        var clips = Path.Combine(options.Work, "batch-clips");
        Directory.CreateDirectory(clips);
        var clip = await BenchClips.GetAsync(options.Work, ClipSeconds);
        for (var i = 0; i < options.BatchClips; i++)
        {
            // Distinct files (paths) make distinct inputs; the same content keeps every run the same work.
            var path = Path.Combine(clips, $"clip-{i:D2}.mp4");
            if (!File.Exists(path))
                File.Copy(clip.Path, path);
        }
        await BenchClips.WarmAsync(clip.Path);

        Console.WriteLine();
        Console.WriteLine($"Batch: {options.BatchClips} clips of {ClipSeconds} s 1280x720, --no-audio, a fresh --output-root each time; load average {TimedProcess.LoadAverage()}");
        var perMinute = new Dictionary<int, double>();
        foreach (var jobs in new[] { 1, 2 })
        {
            var root = Path.Combine(options.Work, $"batch-runs-{jobs}");
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
            var run = await TimedProcess.RunAsync(options.Peepshow,
                ["batch", clips, "--jobs", jobs.ToString(CultureInfo.InvariantCulture), "--no-audio", "--output-root", root, "--emit", "folders"],
                options.Work, cancellationToken);
            perMinute[jobs] = options.BatchClips / run.Wall.TotalMinutes;
            // GNU time's peak is the largest single process: peepshow itself, which holds every run of the batch.
            Console.WriteLine($"  --jobs {jobs}: {run.Wall.TotalSeconds,6:0.0} s, {perMinute[jobs],5:0.0} clips/min, peak RSS {run.PeakRssKb / 1024.0:0} MB, " +
                              $"{run.PeakRssKb / 1024.0 / jobs:0} MB per job");
            Directory.Delete(root, recursive: true);
        }
        Console.WriteLine($"  speed-up --jobs 2 over --jobs 1: {perMinute[2] / perMinute[1]:0.00}x on {Environment.ProcessorCount} CPUs; load average at end {TimedProcess.LoadAverage()}");
    }
}
