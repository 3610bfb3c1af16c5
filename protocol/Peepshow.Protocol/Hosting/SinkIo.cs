namespace Peepshow.Protocol.Hosting;

/// <summary>
/// The process boundary of a sink, injectable so specs can run a sink in-process with exact stdin,
/// env and captured output, while the shipped executable uses the real console.
/// </summary>
public sealed record SinkIo(Stream Stdin, TextWriter Stdout, TextWriter Stderr, Func<string, string?> GetEnvironmentVariable)
{
    /// <summary>True when stdin is an interactive terminal: a sink would wait forever, so it refuses instead.</summary>
    public bool StdinIsTerminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static SinkIo FromConsole() =>
        new(Console.OpenStandardInput(), Console.Out, Console.Error, Environment.GetEnvironmentVariable)
        {
            StdinIsTerminal = !Console.IsInputRedirected,
        };
}
