using System.CommandLine;
using Peepshow.Core.AutoSinks;
using Peepshow.Core.Outbox;
using Peepshow.Core.Sinks;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow sinks …</c>: auto-sinks (sinks.json) and the outbox of undelivered runs.</summary>
public static class SinksCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("sinks", """
            Manage auto-sinks (run after every extraction) and the outbox of failed deliveries.
            With no subcommand, lists the auto-sinks.
            """).With(
            "peepshow sinks add databricks --when extension=mp4,mov",
            "peepshow sinks add-cmd 'peepshow-sink-cassandra'",
            "peepshow sinks list",
            "peepshow sinks pending",
            "peepshow sinks retry --all");
        command.Subcommands.Add(SinksAddCommand.Create(context));
        command.Subcommands.Add(SinksAddCmdCommand.Create(context));
        command.Subcommands.Add(SinksListCommand.Create(context));
        command.Subcommands.Add(SinksRemoveCommand.Create(context));
        command.Subcommands.Add(SinksClearCommand.Create(context));
        command.Subcommands.Add(SinksPendingCommand.Create(context));
        command.Subcommands.Add(SinksRetryCommand.Create(context));
        // Like `git remote`: the bare group shows what is configured.
        command.SetAction((parse, ct) => SinksListCommand.ListAsync(context, parse.InvocationConfiguration.Output, ct));
        return command;
    }

    internal static AutoSinkStore Store(CliContext context) => AutoSinkStore.FromEnvironment(context.Environment.Get, context.WorkingDirectory);

    internal static SinkOutbox Outbox(CliContext context) => SinkOutbox.FromEnvironment(context.Environment.Get, context.WorkingDirectory);

    /// <summary>One listing line: <c>databricks:a [when extension=mp4]</c> or <c>cmd 'curl …'</c>.</summary>
    internal static string Describe(SinkSpec spec)
    {
        var what = spec.Kind == SinkKind.Name ? spec.Display : $"cmd '{spec.Command}'";
        return spec.When.Count == 0 ? what : $"{what} [when {string.Join(" and ", spec.When)}]";
    }
}
