namespace Peepshow.Benchmarks;

/// <summary>One measured run of a program: wall time, and peak RSS from GNU time (the largest process of the tree).</summary>
public sealed record TimedRun(TimeSpan Wall, long PeakRssKb, string Stdout);
