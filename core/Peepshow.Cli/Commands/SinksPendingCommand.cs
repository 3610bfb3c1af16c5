using System.CommandLine;
using Peepshow.Core.Output;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow sinks pending</c>: the outbox, oldest first.</summary>
public static class SinksPendingCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("pending", """
            List deliveries waiting in the outbox (~/.peepshow/outbox): entry id, run id, sink, attempts,
            age and last error. Replay them with `peepshow sinks retry`.
            """);
        command.SetAction(async (parse, _) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var outbox = SinksCommand.Outbox(context);
            var listings = outbox.List();
            if (listings.Count == 0)
            {
                await stdout.WriteLineAsync("nothing pending: every delivery has succeeded");
                return 0;
            }
            var now = DateTimeOffset.UtcNow;
            string[][] rows =
            [
                ["ID", "RUN", "SINK", "ATTEMPTS", "AGE", "LAST ERROR"],
                .. listings.Select(l => l.Entry is { } e
                    // The run id and the error come from a payload and a sink: escaped so they cannot steer the terminal.
                    ? [e.Id, VisibleText.Escape(e.RunId ?? "-"), e.SinkName, e.Attempts.ToString(), Age(now - e.CreatedAt),
                        outbox.IsBusy(e.Id) ? "(being delivered now)" : VisibleText.Escape(e.LastError ?? "-")]
                    : new[] { l.Id, "-", "-", "-", "-", $"unreadable: {l.Problem} ({l.File})" }),
            ];
            var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
            await stdout.WriteLineAsync($"{listings.Count} pending in {outbox.Directory}:");
            foreach (var row in rows)
                await stdout.WriteLineAsync(string.Join("  ", row.Take(5).Select((cell, c) => cell.PadRight(widths[c]))) + "  " + row[5]);
            return 0;
        });
        return command;
    }

    internal static string Age(TimeSpan age) => age switch
    {
        { TotalSeconds: < 60 } => $"{Math.Max(0, (int)age.TotalSeconds)}s",
        { TotalMinutes: < 60 } => $"{(int)age.TotalMinutes}m",
        { TotalHours: < 48 } => $"{(int)age.TotalHours}h",
        _ => $"{(int)age.TotalDays}d",
    };
}
