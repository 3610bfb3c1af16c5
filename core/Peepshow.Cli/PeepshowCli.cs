using System.CommandLine;
using Peepshow.Cli.Commands;

namespace Peepshow.Cli;

/// <summary>
/// The whole command tree, built once for the process (and by specs that read it). The root command extracts; other
/// features join through extensions (their options and run services) and subcommands.
/// </summary>
public static class PeepshowCli
{
    /// <param name="context">What every command reads and writes instead of the process's own (<see cref="CliContext"/>).</param>
    public static RootCommand Create(CliContext context)
    {
        // A single run and a batch take the same extensions, so they accept the same flags and compose runs alike.
        // EnvFileExtension comes first: the others read the environment with the allowed .env added.
        IRunExtension[] Extensions() => [new EnvFileExtension(context), new AudioOptions(context), new SinkRunExtension()];
        var root = ExtractCommand.Create(context, extensions: Extensions());
        root.Subcommands.Add(SinksCommand.Create(context));
        root.Subcommands.Add(RunsCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        root.Subcommands.Add(HookCommand.Create(context));
        root.Subcommands.Add(McpCommand.Create(context));
        root.Subcommands.Add(EnvCommand.Create(context));
        root.Subcommands.Add(BatchCommand.Create(context, extensions: Extensions()));
        HelpText.Extend(root);
        return root;
    }
}
