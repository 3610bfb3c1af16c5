using System.CommandLine;
using Peepshow.Core.History;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow runs …</c>: the run history in PEEPSHOW_HOME/runs.jsonl and the run folders it points at.</summary>
public static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("runs", """
            Come back to earlier runs instead of extracting again. Every finished run is recorded in
            ~/.peepshow/runs.jsonl (PEEPSHOW_HOME); its frames, manifest.json and report.html stay in its
            run folder. With no subcommand, lists the runs.
            """).With(
            "peepshow runs list",
            "peepshow runs show 20261205T135757123-k3x9q2 --emit timeline",
            "peepshow runs open 20261205T1357",
            "peepshow runs prune --older-than 7d",
            "peepshow runs prune --keep 20");
        var list = RunsListCommand.Create(context);
        command.Subcommands.Add(list);
        command.Subcommands.Add(RunsShowCommand.Create(context));
        command.Subcommands.Add(RunsOpenCommand.Create(context));
        command.Subcommands.Add(RunsPruneCommand.Create(context));
        // Like `peepshow sinks`: the bare group shows what there is.
        command.SetAction((parse, ct) => RunsListCommand.ListAsync(context, parse.InvocationConfiguration.Output, RunsListCommand.DefaultLimit));
        return command;
    }

    internal static RunHistory History(CliContext context) => RunHistory.FromEnvironment(context.Environment.Get, context.WorkingDirectory);
}
