using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;
using Peepshow.Protocol;
using Peepshow.Testing.Media;

namespace Peepshow.Benchmarks;

/// <summary>
/// peepshow versus <c>ffmpeg -i clip.mp4 -vf "select='gt(scene,0.3)',scale=1280:-2" -fps_mode vfr out/frame_%04d.jpg</c>,
/// measured in the same run, alternating, on the same generated clips (60 s and 5 min of 1280×720 at
/// 30 fps with six hard cuts). Wall time is the median of the rounds; peak RSS comes from GNU time
/// (<c>/usr/bin/time -f %M</c>, the largest process of the tree). Nothing here is a pass/fail test:
/// the numbers are printed for people to judge.
/// </summary>
public static partial class Program
{
    public static async Task<int> Main(string[] args)
    {
        var peepshow = Arg(args, "--peepshow") ?? throw new ArgumentException("--peepshow <path to the published peepshow> is required");
        var work = Path.GetFullPath(Arg(args, "--work") ?? ".bench");
        var rounds = int.Parse(Arg(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        // --lengths none: only the batch figure.
        var lengths = (Arg(args, "--lengths") ?? "60,300").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "none").Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (!File.Exists("/usr/bin/time"))
        {
            await Console.Error.WriteLineAsync("bench: /usr/bin/time (Debian package `time`) is needed for peak RSS");
            return 3;
        }
        Directory.CreateDirectory(work);
        var ffmpeg = FfmpegLocator.Locate().FfmpegPath;

        Console.WriteLine($"peepshow bench: {rounds} alternating rounds per clip, median wall time; {Environment.ProcessorCount} CPUs, load average {LoadAverage()} at start");
        Console.WriteLine($"  peepshow: {peepshow} <clip> --no-audio -q");
        Console.WriteLine($"  ffmpeg:   ffmpeg -i <clip> -vf \"select='gt(scene,0.3)',scale=1280:-2\" -fps_mode vfr out/frame_%04d.jpg");
        Console.WriteLine();

        var rows = new List<Row>();
        foreach (var seconds in lengths)
        {
            var clip = await ClipAsync(work, seconds);
            await WarmAsync(clip.Path);
            var ours = new List<Measurement>();
            var theirs = new List<Measurement>();
            for (var round = 0; round < rounds; round++)
            {
                theirs.Add(await OneLinerAsync(ffmpeg, clip, work));
                ours.Add(await PeepshowAsync(peepshow, clip, work));
            }
            var oneLinerShots = await OneLinerShotsAsync(ffmpeg, clip);
            rows.Add(new Row(seconds, "ffmpeg one-liner", Median(theirs), theirs.Max(m => m.PeakRssKb), theirs[^1].Frames, oneLinerShots, clip.Segments.Count));
            rows.Add(new Row(seconds, "peepshow", Median(ours), ours.Max(m => m.PeakRssKb), ours[^1].Frames, ours[^1].Shots, clip.Segments.Count));
        }

        Console.WriteLine($"{"clip",-16} {"command",-18} {"wall (median)",14} {"peak RSS",10} {"frames",7} {"cuts found",11}");
        foreach (var row in rows)
        {
            // A cut is found when the shot it opens has a frame.
            var cuts = row.ShotsSeen.Skip(1).Count(seen => seen);
            Console.WriteLine($"{row.Seconds + " s 1280x720",-16} {row.Command,-18} {row.Wall.TotalSeconds,12:0.00} s {row.PeakRssKb / 1024.0,7:0} MB {row.Frames,7} {cuts + "/" + (row.Shots - 1),11}");
        }
        Console.WriteLine();
        foreach (var seconds in lengths)
        {
            var one = rows.Single(r => r.Seconds == seconds && r.Command != "peepshow");
            var ours = rows.Single(r => r.Seconds == seconds && r.Command == "peepshow");
            var ratio = ours.Wall.TotalSeconds / one.Wall.TotalSeconds;
            var all = ours.ShotsSeen.Length == ours.Shots && ours.ShotsSeen.All(s => s);
            Console.WriteLine($"{seconds} s clip: peepshow / ffmpeg wall time = {ratio:0.00}x (target <= 1.00x: {(ratio <= 1 ? "met" : "NOT met")}); " +
                              $"every shot represented: {(all ? "yes" : "NO")}; peak RSS {ours.PeakRssKb / 1024.0:0} MB (target <= 200 MB: {(ours.PeakRssKb <= 200 * 1024 ? "met" : "NOT met")})");
        }
        Console.WriteLine($"load average at end: {LoadAverage()} (other work on the machine stretches both commands alike)");
        await BatchBenchAsync(peepshow, work, int.Parse(Arg(args, "--batch-clips") ?? "20", CultureInfo.InvariantCulture));
        return 0;
    }

    private sealed record Measurement(TimeSpan Wall, long PeakRssKb, int Frames, bool[] Shots);

    private sealed record Row(int Seconds, string Command, TimeSpan Wall, long PeakRssKb, int Frames, bool[] ShotsSeen, int Shots);

    private static async Task<GeneratedClip> ClipAsync(string work, int seconds)
    {
        var path = Path.Combine(work, $"bench-{seconds}s.mp4");
        if (!File.Exists(path))
        {
            Console.WriteLine($"generating {path} (once; kept for later runs)…");
            var generated = await TestMedia.BenchClipAsync(seconds);
            await TestMedia.CopyAsync(generated, path);
        }
        // Seven shots of equal length: the same layout BenchClipAsync writes.
        var shot = TestMedia.BenchShotFrames(seconds) / 30.0;
        return new GeneratedClip(path, Enumerable.Range(0, 7).Select(i => new Segment(i * shot, (i + 1) * shot, $"shot {i + 1}")).ToList());
    }

    /// <summary>Both commands find the clip in the page cache: the bench measures work, not the disk.</summary>
    private static async Task WarmAsync(string path)
    {
        await using var file = File.OpenRead(path);
        await file.CopyToAsync(Stream.Null);
    }

    private static async Task<Measurement> OneLinerAsync(string ffmpeg, GeneratedClip clip, string work)
    {
        var output = Path.Combine(work, "out");
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        Directory.CreateDirectory(output);
        var (wall, rss, _) = await TimedAsync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-i", clip.Path,
            "-vf", "select='gt(scene,0.3)',scale=1280:-2", "-fps_mode", "vfr", Path.Combine(output, "frame_%04d.jpg")], work);
        var frames = Directory.GetFiles(output, "frame_*.jpg").Length;
        Directory.Delete(output, recursive: true);
        return new Measurement(wall, rss, frames, []);
    }

    private static async Task<Measurement> PeepshowAsync(string peepshow, GeneratedClip clip, string work)
    {
        var (wall, rss, stdout) = await TimedAsync(peepshow, [clip.Path, "--no-audio", "-q"], work);
        var dir = RunFolder().Match(stdout) is { Success: true } m ? m.Groups[1].Value.Trim() : throw new InvalidOperationException($"peepshow printed no run folder:\n{stdout}");
        var payload = ProtocolJson.Read(await File.ReadAllBytesAsync(Path.Combine(dir, "manifest.json"))).Payload!;
        var shots = new bool[clip.Segments.Count];
        foreach (var frame in payload.Frames)
        {
            var shot = clip.SegmentAt(frame.TimestampSeconds ?? -1);
            if (shot >= 0)
                shots[shot] = true;
        }
        Directory.Delete(dir, recursive: true);
        return new Measurement(wall, rss, payload.Frames.Count, shots);
    }

    /// <summary>Which shots the one-liner's select kept (an untimed second pass of the same filter, with timestamps).</summary>
    private static async Task<bool[]> OneLinerShotsAsync(string ffmpeg, GeneratedClip clip)
    {
        var result = await Cli.Wrap(ffmpeg)
            .WithArguments(["-hide_banner", "-nostats", "-i", clip.Path, "-vf", "select='gt(scene,0.3)',showinfo", "-f", "null", "-"])
            .RunBufferedAsync();
        var shots = new bool[clip.Segments.Count];
        foreach (Match match in PtsTime().Matches(result.StandardError))
        {
            var shot = clip.SegmentAt(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            if (shot >= 0)
                shots[shot] = true;
        }
        return shots;
    }

    private static async Task<(TimeSpan Wall, long PeakRssKb, string Stdout)> TimedAsync(string program, IReadOnlyList<string> args, string work)
    {
        var rssFile = Path.Combine(work, "rss.txt");
        var clock = Stopwatch.StartNew();
        var result = await Cli.Wrap("/usr/bin/time")
            .WithArguments(["-f", "%M", "-o", rssFile, program, .. args])
            .RunBufferedAsync();
        clock.Stop();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited {result.ExitCode}: {result.StandardError.Trim()}");
        var rss = long.Parse((await File.ReadAllTextAsync(rssFile)).Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
        return (clock.Elapsed, rss, result.StandardOutput);
    }

    private static TimeSpan Median(IEnumerable<Measurement> runs)
    {
        var sorted = runs.Select(r => r.Wall).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    [GeneratedRegex(@"extracted \d+ frames? via .+? to (.+)$", RegexOptions.Multiline)]
    private static partial Regex RunFolder();

    [GeneratedRegex(@"pts_time:([\d.]+)")]
    private static partial Regex PtsTime();
}
