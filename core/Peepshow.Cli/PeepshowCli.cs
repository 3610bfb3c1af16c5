using System.CommandLine;
using Peepshow.Cli.Commands;

namespace Peepshow.Cli;

/// <summary>The whole command line: the extraction command at the root, every other feature a subcommand.</summary>
public static class PeepshowCli
{
    public static RootCommand Create(CliContext context)
    {
        // The root command extracts; other features join through extensions (their options and services)
        // and subcommands: root.Subcommands.Add(...).
        // EnvFileExtension comes first: the others read the environment with the allowed .env added.
        var root = ExtractCommand.Create(context, extensions: [new EnvFileExtension(context), new AudioOptions(context), new SinkRunExtension()]);
        root.Subcommands.Add(SinksCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        root.Subcommands.Add(HookCommand.Create(context));
        root.Subcommands.Add(McpCommand.Create(context));
        root.Subcommands.Add(EnvCommand.Create(context));
        HelpText.Extend(root);
        return root;
    }
}
