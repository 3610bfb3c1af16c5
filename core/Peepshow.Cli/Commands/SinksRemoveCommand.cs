using System.CommandLine;
using Peepshow.Core;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow sinks remove &lt;n&gt;</c>: by the 1-based number <c>sinks list</c> shows.</summary>
public static class SinksRemoveCommand
{
    public static Command Create(CliContext context)
    {
        var number = new Argument<int>("n")
        {
            Description = "Number of the auto-sink as shown by `peepshow sinks list`",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (int.TryParse(text, out var n))
                    return n;
                result.AddError($"'{text}' is not a number; give the number `peepshow sinks list` shows");
                return 0;
            },
        };
        var command = new Command("remove", "Remove one auto-sink by its number in `peepshow sinks list`; later ones move up by one.") { number }
            .With("peepshow sinks remove 2");
        command.SetAction(async (parse, ct) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var n = parse.GetValue(number);
            var (removed, left) = await SinksCommand.Store(context).UpdateAsync(sinks =>
            {
                if (n < 1 || n > sinks.Count)
                    throw new PeepshowException(ExitCodes.BadArguments, sinks.Count == 0
                        ? $"there is no auto-sink {n}: none are configured"
                        : $"there is no auto-sink {n}: there {(sinks.Count == 1 ? "is 1" : $"are {sinks.Count}")} (see peepshow sinks list)");
                var sink = sinks[n - 1];
                sinks.RemoveAt(n - 1);
                return (sink, sinks.Count);
            }, ct);
            await stdout.WriteLineAsync($"removed auto-sink {n}: {SinksCommand.Describe(removed)} ({left} left)");
            return 0;
        });
        return command;
    }
}
