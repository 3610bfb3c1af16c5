using System.Globalization;

namespace Peepshow.Benchmarks;

/// <summary>What <c>./build.sh bench</c> passes: the programs to measure and how much to measure them.</summary>
/// <param name="Peepshow">The published peepshow (Native AOT, Release).</param>
/// <param name="Work">Where clips are generated (kept between runs) and runs write.</param>
/// <param name="Rounds">Alternating rounds per clip; figures report the median.</param>
/// <param name="Lengths">Clip lengths in seconds.</param>
/// <param name="Sinks">Each shipped sink as its Native AOT binary and its framework-dependent dll.</param>
/// <param name="BatchClips">Clips in the batch figure; 0 skips it.</param>
public sealed record BenchOptions(string Peepshow, string Work, int Rounds, IReadOnlyList<int> Lengths, IReadOnlyList<SinkBuild> Sinks, int BatchClips)
{
    public const string Usage =
        "usage: Peepshow.Benchmarks --peepshow <published peepshow> [--work .bench] [--rounds 3] [--lengths 60,300|none] [--batch-clips 20] [--sink <native>:<dll>]...";

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.LastIndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var sinks = args.Select((arg, i) => (arg, i))
            .Where(a => a.arg == "--sink" && a.i + 1 < args.Length)
            .Select(a => SinkBuild.Parse(args[a.i + 1]))
            .ToList();
        return new BenchOptions(
            Value("--peepshow") ?? throw new ArgumentException("--peepshow <path to the published peepshow> is required"),
            Path.GetFullPath(Value("--work") ?? ".bench"),
            int.Parse(Value("--rounds") ?? "3", CultureInfo.InvariantCulture),
            (Value("--lengths") ?? "60,300").Split(',').Where(s => s != "none").Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(),
            sinks,
            int.Parse(Value("--batch-clips") ?? "20", CultureInfo.InvariantCulture));
    }
}
