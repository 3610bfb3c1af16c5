using System.CommandLine;
using Peepshow.Core.Inputs;
using Peepshow.Core.Processes;

namespace Peepshow.Cli.Tests;

/// <summary>
/// peepshow's command tree for specs that only read it, parse with it or ask it for help: nothing runs, so its
/// context writes nowhere, reads no stdin and has this process's variables and folder.
/// </summary>
internal static class CommandTree
{
    public static CliContext Context { get; } =
        new(TextWriter.Null, TextWriter.Null, StdinSource.None, EnvironmentVariables.Process, Directory.GetCurrentDirectory());

    public static RootCommand Create() => PeepshowCli.Create(Context);
}
