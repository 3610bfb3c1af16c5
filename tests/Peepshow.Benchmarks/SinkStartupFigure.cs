namespace Peepshow.Benchmarks;

/// <summary>
/// Start-up of every shipped sink as its Native AOT binary against the same sink run as <c>dotnet &lt;dll&gt;</c>:
/// <c>--version</c>, median of 20 runs after three warm-ups that fill the page cache. The budget: under 20 ms.
/// </summary>
public sealed class SinkStartupFigure : IBenchFigure
{
    public const int Runs = 20;
    public const double BudgetMs = 20;

    public async Task RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        if (options.Sinks.Count == 0)
            return;
        Console.WriteLine();
        Console.WriteLine($"Sink start-up, `--version`, median of {Runs} runs:");
        foreach (var sink in options.Sinks)
        {
            var aot = await MedianStartMsAsync(sink.Native, ["--version"], cancellationToken);
            var jit = await MedianStartMsAsync("dotnet", [sink.Dll, "--version"], cancellationToken);
            var verdict = aot < BudgetMs ? $"within the {BudgetMs:0} ms budget" : $"OVER the {BudgetMs:0} ms budget";
            Console.WriteLine($"  {sink.Name,-28} native {aot,6:0.0} ms   dotnet {sink.Name}.dll {jit,6:0.0} ms   {jit / aot,5:0.0}x faster   ({verdict})");
        }
    }

    private static async Task<double> MedianStartMsAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < Runs + 3; i++)
        {
            var wall = await TimedProcess.WallAsync(program, args, cancellationToken);
            if (i >= 3)
                times.Add(wall);
        }
        return TimedProcess.Median(times).TotalMilliseconds;
    }
}
