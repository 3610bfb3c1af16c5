using System.CommandLine;
using System.Globalization;
using Peepshow.Core.History;
using Peepshow.Core.Output;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow runs list</c>: the run history, newest first.</summary>
public static class RunsListCommand
{
    public const int DefaultLimit = 20;

    public static Command Create(CliContext context)
    {
        var limit = new Option<int>("--limit", "-n")
        {
            Description = "How many runs to list, newest first (0 = all)",
            DefaultValueFactory = _ => DefaultLimit,
            HelpName = "n",
        };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
                r.AddError("--limit must be 0 (all) or more");
        });
        var command = new Command("list", """
            List runs, newest first: run id, when it finished (UTC), input, frames, video duration, sink
            deliveries (ok/failed) and title. A run whose folder was deleted or moved says `missing`.
            """) { limit };
        command.SetAction((parse, _) => ListAsync(context, parse.InvocationConfiguration.Output, parse.GetValue(limit)));
        return command;
    }

    internal static async Task<int> ListAsync(CliContext context, TextWriter stdout, int limit)
    {
        var history = RunsCommand.History(context);
        var reading = history.Read();
        if (reading.Entries.Count == 0)
        {
            await stdout.WriteLineAsync($"no runs yet in {history.Path}");
            return 0;
        }
        var newest = reading.Entries.AsEnumerable().Reverse().DistinctBy(e => e.Record.RunId).ToList();
        var shown = limit == 0 ? newest : newest.Take(limit).ToList();
        string[][] rows =
        [
            ["RUN", "WHEN", "INPUT", "FRAMES", "DURATION", "SINKS", "TITLE"],
            .. shown.Select(e => new[]
            {
                e.Record.RunId,
                e.Record.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Input(VisibleText.Escape(e.Record.Input)),
                e.Record.Frames.ToString(CultureInfo.InvariantCulture),
                e.Record.DurationSeconds is { } d ? RunOutput.Duration(d) : "-",
                Sinks(e.Record),
                (e.Missing ? "missing: folder deleted or moved  " : "") + VisibleText.Escape(e.Record.Title ?? ""),
            }),
        ];
        var widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            await stdout.WriteLineAsync((string.Join("  ", row.Take(6).Select((cell, c) => cell.PadRight(widths[c]))) + "  " + row[6]).TrimEnd());
        if (shown.Count < newest.Count)
            await stdout.WriteLineAsync($"… {newest.Count - shown.Count} older (--limit 0 lists all)");
        if (reading.UnreadableLines > 0)
            await stdout.WriteLineAsync($"{reading.UnreadableLines} unreadable line(s) in {history.Path} skipped");
        return 0;
    }

    private static string Sinks(RunRecord record)
    {
        if (record.Sinks.Count == 0)
            return "-";
        var ok = record.Sinks.Count(s => s.Status == "ok");
        var failed = record.Sinks.Count(s => s.Status == "failed");
        return failed > 0 ? $"{ok} ok, {failed} failed" : $"{ok} ok";
    }

    /// <summary>Long paths keep their end, which names the file.</summary>
    private static string Input(string input) => input.Length <= 40 ? input : "…" + input[^39..];
}
