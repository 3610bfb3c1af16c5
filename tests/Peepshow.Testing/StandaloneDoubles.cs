using Peepshow.Testing.Doubles.Analytics;
using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Testing;

/// <summary>The registry of doubles that can run standalone. Each backend double adds itself here.</summary>
public static class StandaloneDoubles
{
    private static readonly Dictionary<string, Func<int, CancellationToken, Task>> Doubles = new(StringComparer.Ordinal)
    {
        ["databricks"] = Peepshow.Testing.Doubles.Databricks.DatabricksStandalone.RunAsync,
        ["event-track"] = EventTrackDoubles.RunStandaloneAsync,
        ["openai-transcription"] = Peepshow.Testing.Doubles.OpenAiTranscriptionDouble.RunStandaloneAsync,
        [StargateStandalone.Name] = StargateStandalone.RunAsync,
    };

    public static IEnumerable<string> Names => Doubles.Keys.Order(StringComparer.Ordinal);

    public static async Task<int> RunAsync(string name, int port)
    {
        if (!Doubles.TryGetValue(name, out var run))
        {
            await Console.Error.WriteLineAsync($"unknown double '{name}'; known: {string.Join(", ", Names)}");
            return 2;
        }
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        // Closing stdin stops the double, so a script can own its lifetime with a pipe.
        _ = Task.Run(async () => { await Console.In.ReadToEndAsync(); cts.Cancel(); });
        try
        {
            await run(port, cts.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }
}
