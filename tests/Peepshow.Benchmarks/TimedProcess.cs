using System.Diagnostics;
using System.Globalization;
using CliWrap;
using Peepshow.Core.Processes;

namespace Peepshow.Benchmarks;

/// <summary>Runs programs under <c>/usr/bin/time -f %M</c>, through the product's process runner.</summary>
public static class TimedProcess
{
    public const string GnuTime = "/usr/bin/time";

    public static async Task<TimedRun> RunAsync(string program, IReadOnlyList<string> args, string work, CancellationToken cancellationToken)
    {
        var rssFile = Path.Combine(work, "rss.txt");
        var clock = Stopwatch.StartNew();
        var result = await Cli.Wrap(GnuTime)
            .WithArguments(["-f", "%M", "-o", rssFile, program, .. args])
            .RunBufferedAsync(cancellationToken: cancellationToken);
        clock.Stop();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited {result.ExitCode}: {result.StandardError.Trim()}");
        var rss = long.Parse((await File.ReadAllTextAsync(rssFile, cancellationToken)).Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
        return new TimedRun(clock.Elapsed, rss, result.StandardOutput);
    }

    /// <summary>Wall time of a run without the RSS wrapper, for start-up times where /usr/bin/time itself would count.</summary>
    public static async Task<TimeSpan> WallAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var result = await Cli.Wrap(program).WithArguments(args).RunBufferedAsync(cancellationToken: cancellationToken);
        clock.Stop();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {result.ExitCode}: {result.StandardError.Trim()}");
        return clock.Elapsed;
    }

    public static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
