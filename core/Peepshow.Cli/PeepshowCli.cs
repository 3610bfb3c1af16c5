using System.CommandLine;
using Peepshow.Cli.Commands;

namespace Peepshow.Cli;

/// <summary>
/// The whole command tree, built once for the process (and by specs that read it). The root command extracts; other
/// features join through extensions (their options and run services) and subcommands.
/// </summary>
public static class PeepshowCli
{
    public static RootCommand Create()
    {
        // EnvFileExtension comes first: the others read the environment with the allowed .env added.
        var root = ExtractCommand.Create(extensions: [new EnvFileExtension(), new AudioOptions(), new SinkRunExtension()]);
        root.Subcommands.Add(SinksCommand.Create());
        root.Subcommands.Add(RunsCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(HookCommand.Create());
        root.Subcommands.Add(McpCommand.Create());
        root.Subcommands.Add(EnvCommand.Create());
        root.Subcommands.Add(BatchCommand.Create(extensions: [new EnvFileExtension(), new AudioOptions(), new SinkRunExtension()]));
        HelpText.Extend(root);
        return root;
    }
}
