using System.CommandLine;
using Peepshow.Core.Sinks;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow sinks list</c>: numbered, each with the program it resolves to right now.</summary>
public static class SinksListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", """
            List the auto-sinks, numbered as `sinks remove` expects, each with the program it resolves to
            now (or "not found" / "not executable").
            """);
        command.SetAction((parse, ct) => ListAsync(context, parse.InvocationConfiguration.Output, ct));
        return command;
    }

    internal static async Task<int> ListAsync(CliContext context, TextWriter stdout, CancellationToken cancellationToken)
    {
        var store = SinksCommand.Store(context);
        var sinks = await store.LoadAsync(cancellationToken);
        if (sinks.Count == 0)
        {
            await stdout.WriteLineAsync($"no auto-sinks configured ({store.Path}); add one with: peepshow sinks add <name>");
            return 0;
        }
        var locator = SinkLocator.FromEnvironment(context.Environment.Get, context.WorkingDirectory);
        for (var i = 0; i < sinks.Count; i++)
            await stdout.WriteLineAsync($"{i + 1}. {SinksCommand.Describe(sinks[i])} -> {locator.Locate(sinks[i])}");
        return 0;
    }
}
