using Peepshow.Core.Inputs;
using Peepshow.Core.Processes;
using Peepshow.Core.Runs;

namespace Peepshow.Cli;

/// <summary>
/// What one run of the CLI talks to: its three streams, its environment variables and the folder it was started in.
/// <see cref="FromProcess"/> takes the real process's, once, in <c>Program.cs</c>; nothing below the host reads
/// <see cref="Console"/>, the process environment or the current directory, so specs run the CLI in process, many at
/// once, each with its own.
/// </summary>
public sealed record CliContext(TextWriter Stdout, TextWriter Stderr, StdinSource Stdin, EnvironmentVariables Environment, string WorkingDirectory)
{
    /// <summary>stderr is a terminal: the live progress display draws there, and nothing else may.</summary>
    public bool StderrIsTerminal { get; init; }

    /// <summary>What a run started from this command line begins with: its stdin, variables and folder.</summary>
    public RunServices RunServices() => new() { Environment = Environment, Stdin = Stdin, WorkingDirectory = WorkingDirectory };

    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, StdinSource.Console, EnvironmentVariables.Process, Directory.GetCurrentDirectory())
        {
            StderrIsTerminal = !Console.IsErrorRedirected,
        };
}
