using System.CommandLine;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow sinks clear</c>: removes every auto-sink, without a prompt (scripts call it).</summary>
public static class SinksClearCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("clear", "Remove every auto-sink (no prompt). The outbox is left alone.");
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var removed = await SinksCommand.Store(context).UpdateAsync(sinks =>
            {
                var count = sinks.Count;
                sinks.Clear();
                return count;
            }, ct);
            await stdout.WriteLineAsync(removed == 0 ? "no auto-sinks to remove" : $"removed {removed} auto-sink{(removed == 1 ? "" : "s")}");
            return 0;
        });
        return command;
    }
}
