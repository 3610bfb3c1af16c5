using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;
using Peepshow.Protocol;
using Peepshow.Testing.Media;

namespace Peepshow.Benchmarks;

/// <summary>
/// peepshow against two baselines, in the same run, alternating, on the same clips: the scene-filter one-liner a user
/// would write instead (<c>ffmpeg -i clip -vf "select='gt(scene,0.3)',scale=1280:-2" -fps_mode vfr frame_%04d.jpg</c>)
/// and a plain decode (<c>ffmpeg -i clip -f null -</c>), the least any tool that looks at every frame can do. Prints
/// wall times (median of the rounds), peak RSS, frames, cuts found, and the ratios against their targets: at most
/// 0.9× the one-liner, at most 1.0× the plain decode, and peak RSS flat from the shortest clip to the longest.
/// </summary>
public sealed partial class ExtractionFigure : IBenchFigure
{
    public const double OneLinerTarget = 0.9;
    public const double DecodeTarget = 1.0;

    /// <summary>Peak RSS counts as flat when the longest clip needs at most this much more than the shortest.</summary>
    public const double FlatRssGrowth = 0.10;

    private const string OneLiner = "ffmpeg one-liner";
    private const string Decode = "ffmpeg decode only";
    private const string Peepshow = "peepshow";

    public async Task RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(TimedProcess.GnuTime))
            throw new InvalidOperationException($"{TimedProcess.GnuTime} (Debian package `time`) is needed for peak RSS");
        var ffmpeg = FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory).FfmpegPath;
        Directory.CreateDirectory(options.Work);

        Console.WriteLine($"Extraction: {options.Rounds} alternating rounds per clip, median wall time; {Environment.ProcessorCount} CPUs, load average {TimedProcess.LoadAverage()} at start");
        Console.WriteLine($"  {Peepshow}:{"",-12}{options.Peepshow} <clip> --no-audio -q");
        Console.WriteLine($"  {OneLiner}:    ffmpeg -i <clip> -vf \"select='gt(scene,0.3)',scale=1280:-2\" -fps_mode vfr out/frame_%04d.jpg");
        Console.WriteLine($"  {Decode}:  ffmpeg -i <clip> -f null -");
        Console.WriteLine();

        var rows = new List<Row>();
        foreach (var seconds in options.Lengths)
        {
            var clip = await BenchClips.GetAsync(options.Work, seconds);
            await BenchClips.WarmAsync(clip.Path);
            var measured = new Dictionary<string, List<Measurement>> { [OneLiner] = [], [Decode] = [], [Peepshow] = [] };
            for (var round = 0; round < options.Rounds; round++)
            {
                measured[OneLiner].Add(await OneLinerAsync(ffmpeg, clip, options.Work, cancellationToken));
                measured[Decode].Add(await DecodeAsync(ffmpeg, clip, options.Work, cancellationToken));
                measured[Peepshow].Add(await PeepshowAsync(options.Peepshow, clip, options.Work, cancellationToken));
            }
            var oneLinerShots = await OneLinerShotsAsync(ffmpeg, clip, cancellationToken);
            foreach (var (command, runs) in measured)
            {
                var shots = command switch { OneLiner => oneLinerShots, Peepshow => runs[^1].Shots, _ => null };
                rows.Add(new Row(seconds, command, TimedProcess.Median(runs.Select(r => r.Wall)), runs.Max(r => r.PeakRssKb), runs[^1].Frames, shots, clip.Segments.Count));
            }
        }

        Console.WriteLine($"{"clip",-16} {"command",-19} {"wall (median)",14} {"peak RSS",10} {"frames",7} {"cuts found",11}");
        foreach (var row in rows)
        {
            // A cut is found when the shot it opens has a frame.
            var cuts = row.ShotsSeen is { } seen ? $"{seen.Skip(1).Count(s => s)}/{row.Shots - 1}" : "-";
            var frames = row.ShotsSeen is null ? "-" : row.Frames.ToString(CultureInfo.InvariantCulture);
            Console.WriteLine($"{row.Seconds + " s 1280x720",-16} {row.Command,-19} {row.Wall.TotalSeconds,12:0.00} s {row.PeakRssKb / 1024.0,7:0} MB {frames,7} {cuts,11}");
        }
        Console.WriteLine();
        foreach (var seconds in options.Lengths)
        {
            var ours = rows.Single(r => r.Seconds == seconds && r.Command == Peepshow);
            var oneLiner = Ratio(ours, rows.Single(r => r.Seconds == seconds && r.Command == OneLiner));
            var decode = Ratio(ours, rows.Single(r => r.Seconds == seconds && r.Command == Decode));
            var all = ours.ShotsSeen!.All(s => s);
            Console.WriteLine($"{seconds} s clip: peepshow / one-liner = {oneLiner:0.00}x (target <= {OneLinerTarget:0.0}x: {Verdict(oneLiner <= OneLinerTarget)}); " +
                              $"peepshow / plain decode = {decode:0.00}x (target <= {DecodeTarget:0.0}x: {Verdict(decode <= DecodeTarget)}); " +
                              $"every shot represented: {(all ? "yes" : "NO")}; peak RSS {ours.PeakRssKb / 1024.0:0} MB");
        }
        if (options.Lengths.Count > 1)
        {
            var shortest = rows.Single(r => r.Seconds == options.Lengths.Min() && r.Command == Peepshow);
            var longest = rows.Single(r => r.Seconds == options.Lengths.Max() && r.Command == Peepshow);
            var growth = (double)longest.PeakRssKb / shortest.PeakRssKb - 1;
            Console.WriteLine($"peepshow peak RSS {shortest.Seconds} s -> {longest.Seconds} s: {shortest.PeakRssKb / 1024.0:0} MB -> {longest.PeakRssKb / 1024.0:0} MB, " +
                              $"{growth:+0%;-0%;0%} (target flat, at most +{FlatRssGrowth:0%}: {Verdict(growth <= FlatRssGrowth)})");
        }
        Console.WriteLine($"load average at end: {TimedProcess.LoadAverage()} (other work on the machine stretches every command alike)");
    }

    private static double Ratio(Row ours, Row baseline) => ours.Wall.TotalSeconds / baseline.Wall.TotalSeconds;

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private sealed record Measurement(TimeSpan Wall, long PeakRssKb, int Frames, bool[] Shots);

    /// <param name="ShotsSeen">Which shots got a frame; null for the plain decode, which keeps none.</param>
    private sealed record Row(int Seconds, string Command, TimeSpan Wall, long PeakRssKb, int Frames, bool[]? ShotsSeen, int Shots);

    private static async Task<Measurement> OneLinerAsync(string ffmpeg, GeneratedClip clip, string work, CancellationToken cancellationToken)
    {
        var output = Path.Combine(work, "out");
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        Directory.CreateDirectory(output);
        var run = await TimedProcess.RunAsync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-i", clip.Path,
            "-vf", "select='gt(scene,0.3)',scale=1280:-2", "-fps_mode", "vfr", Path.Combine(output, "frame_%04d.jpg")], work, cancellationToken);
        var frames = Directory.GetFiles(output, "frame_*.jpg").Length;
        Directory.Delete(output, recursive: true);
        return new Measurement(run.Wall, run.PeakRssKb, frames, []);
    }

    private static async Task<Measurement> DecodeAsync(string ffmpeg, GeneratedClip clip, string work, CancellationToken cancellationToken)
    {
        var run = await TimedProcess.RunAsync(ffmpeg, ["-hide_banner", "-loglevel", "error", "-i", clip.Path, "-f", "null", "-"], work, cancellationToken);
        return new Measurement(run.Wall, run.PeakRssKb, 0, []);
    }

    private static async Task<Measurement> PeepshowAsync(string peepshow, GeneratedClip clip, string work, CancellationToken cancellationToken)
    {
        var run = await TimedProcess.RunAsync(peepshow, [clip.Path, "--no-audio", "-q"], work, cancellationToken);
        var dir = RunFolder().Match(run.Stdout) is { Success: true } m ? m.Groups[1].Value.Trim() : throw new InvalidOperationException($"peepshow printed no run folder:\n{run.Stdout}");
        var payload = ProtocolJson.Read(await File.ReadAllBytesAsync(Path.Combine(dir, "manifest.json"), cancellationToken)).Payload!;
        var shots = new bool[clip.Segments.Count];
        foreach (var frame in payload.Frames)
        {
            var shot = clip.SegmentAt(frame.TimestampSeconds ?? -1);
            if (shot >= 0)
                shots[shot] = true;
        }
        Directory.Delete(dir, recursive: true);
        return new Measurement(run.Wall, run.PeakRssKb, payload.Frames.Count, shots);
    }

    /// <summary>Which shots the one-liner's select kept (an untimed second pass of the same filter, with timestamps).</summary>
    private static async Task<bool[]> OneLinerShotsAsync(string ffmpeg, GeneratedClip clip, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap(ffmpeg)
            .WithArguments(["-hide_banner", "-nostats", "-i", clip.Path, "-vf", "select='gt(scene,0.3)',showinfo", "-f", "null", "-"])
            .RunBufferedAsync(cancellationToken: cancellationToken);
        var shots = new bool[clip.Segments.Count];
        foreach (Match match in PtsTime().Matches(result.StandardError))
        {
            var shot = clip.SegmentAt(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            if (shot >= 0)
                shots[shot] = true;
        }
        return shots;
    }

    [GeneratedRegex(@"extracted \d+ frames? via .+? to (.+)$", RegexOptions.Multiline)]
    private static partial Regex RunFolder();

    [GeneratedRegex(@"pts_time:([\d.]+)")]
    private static partial Regex PtsTime();
}
