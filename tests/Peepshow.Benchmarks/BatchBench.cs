using System.Globalization;

namespace Peepshow.Benchmarks;

/// <summary>
/// The batch figure: the same generated clips through <c>peepshow batch</c> with <c>--jobs 1</c> and
/// <c>--jobs 2</c>, as clips per minute, the speed-up, and peak RSS (GNU time: the largest process of the run).
/// </summary>
public static partial class Program
{
    private static async Task BatchBenchAsync(string peepshow, string work, int count)
    {
        var clips = Path.Combine(work, "batch-clips");
        Directory.CreateDirectory(clips);
        var clip = await ClipAsync(work, 10);
        for (var i = 0; i < count; i++)
        {
            // Distinct files (paths) make distinct inputs; the same content keeps every run the same work.
            var path = Path.Combine(clips, $"clip-{i:D2}.mp4");
            if (!File.Exists(path))
                File.Copy(clip.Path, path);
        }
        await WarmAsync(clip.Path);

        Console.WriteLine();
        Console.WriteLine($"peepshow batch: {count} clips of 10 s 1280x720, --no-audio, a fresh --output-root each time; load average {LoadAverage()}");
        var results = new List<(int Jobs, double PerMinute, long PeakRssKb)>();
        foreach (var jobs in new[] { 1, 2 })
        {
            var root = Path.Combine(work, $"batch-runs-{jobs}");
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
            var (wall, rss, _) = await TimedAsync(peepshow, ["batch", clips, "--jobs", jobs.ToString(CultureInfo.InvariantCulture), "--no-audio", "--output-root", root, "--emit", "folders"], work);
            var perMinute = count / wall.TotalMinutes;
            results.Add((jobs, perMinute, rss));
            // GNU time's peak is the largest single process: peepshow itself, which holds every run of the batch.
            Console.WriteLine($"  --jobs {jobs}: {wall.TotalSeconds,6:0.0} s, {perMinute,5:0.0} clips/min, peak RSS {rss / 1024.0:0} MB, " +
                              $"{rss / 1024.0 / jobs:0} MB per job");
            Directory.Delete(root, recursive: true);
        }
        Console.WriteLine($"  speed-up --jobs 2 over --jobs 1: {results[1].PerMinute / results[0].PerMinute:0.00}x on {Environment.ProcessorCount} CPUs; load average at end {LoadAverage()}");
    }
}
