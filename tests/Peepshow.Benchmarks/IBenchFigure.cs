namespace Peepshow.Benchmarks;

/// <summary>
/// One figure the bench prints (extraction against its baselines, sink start-up, …). A new figure is one more class
/// and one more entry in <see cref="Program.Figures"/>; it measures with <see cref="TimedProcess"/> and the clips of
/// <see cref="BenchClips"/>, and prints its own lines. Nothing here passes or fails: people judge the numbers.
/// </summary>
public interface IBenchFigure
{
    Task RunAsync(BenchOptions options, CancellationToken cancellationToken);
}
