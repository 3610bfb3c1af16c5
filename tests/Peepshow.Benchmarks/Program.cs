namespace Peepshow.Benchmarks;

/// <summary>
/// <c>./build.sh bench</c>: build.cake publishes peepshow and the sinks, then runs this with their paths. Each figure
/// measures in turn and prints its lines; nothing here is a pass/fail test.
/// </summary>
public static class Program
{
    /// <summary>The figures, in the order they are printed. A new figure is one more <see cref="IBenchFigure"/> here.</summary>
    public static IReadOnlyList<IBenchFigure> Figures { get; } = [new ExtractionFigure(), new SinkStartupFigure(), new BatchFigure()];

    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync($"bench: {ex.Message}");
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        try
        {
            foreach (var figure in Figures)
                await figure.RunAsync(options, CancellationToken.None);
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"bench: {ex.Message}");
            return 1;
        }
    }
}
