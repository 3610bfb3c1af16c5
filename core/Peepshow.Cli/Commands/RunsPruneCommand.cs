using System.CommandLine;
using System.Globalization;
using Peepshow.Core;
using Peepshow.Core.History;
using Peepshow.Core.Output;

namespace Peepshow.Cli.Commands;

/// <summary><c>peepshow runs prune --older-than 7d | --keep N</c>: deletes old run folders and forgets them.</summary>
public static class RunsPruneCommand
{
    public static Command Create(CliContext context)
    {
        var olderThan = new Option<TimeSpan?>("--older-than")
        {
            Description = "Prune runs that finished longer ago than this: 90m, 36h, 7d, 2w",
            HelpName = "age",
            CustomParser = r => ParseAge(r.Tokens[0].Value) is { } age ? age : Fail(r),
        };
        var keep = new Option<int?>("--keep") { Description = "Prune all but the newest n runs", HelpName = "n" };
        keep.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() < 0)
                r.AddError("--keep must be 0 or more");
        });
        var command = new Command("prune", """
            Delete old runs: the files each run wrote (frames, audio, manifest.json, report.html,
            contact.jpg), then its folder if nothing else is in it, and forget it in the run history.
            A run whose delivery is still pending in the outbox is kept (`peepshow sinks pending`), and so
            is one whose folder another run is using; a run whose folder is already gone (deleted or moved)
            is just forgotten. Says what it freed.
            """) { olderThan, keep }.With(
            "peepshow runs prune --older-than 7d",
            "peepshow runs prune --keep 20");
        command.SetAction(async (parse, ct) =>
        {
            var age = parse.GetValue(olderThan);
            var count = parse.GetValue(keep);
            if ((age is null) == (count is null))
                throw new PeepshowException(ExitCodes.BadArguments, "give one of --older-than <age> or --keep <n>");

            var cutoff = DateTimeOffset.UtcNow - (age ?? TimeSpan.Zero);
            var pruner = new RunPruner(RunsCommand.History(context), SinksCommand.Outbox(context));
            var result = await pruner.PruneAsync(newestFirst => age is not null
                ? newestFirst.Where(e => e.Record.CreatedAt < cutoff)
                : newestFirst.Skip(count!.Value), ct);

            var stdout = parse.InvocationConfiguration.Output;
            foreach (var pruned in result.Pruned)
            {
                var record = pruned.Entry.Record;
                await stdout.WriteLineAsync(pruned.Entry.Missing
                    ? $"forgot {record.RunId}: {record.RunFolder} was already missing"
                    : pruned.ReplacedBy is { } later
                    ? $"forgot {record.RunId}: {record.RunFolder} now holds run {VisibleText.Escape(later)}"
                    : $"deleted {record.RunId}: {record.RunFolder} ({Size(pruned.BytesFreed)})" +
                      (pruned.FolderLeft ? "; the folder stays, it holds files peepshow did not write" : ""));
            }
            foreach (var pending in result.KeptPending)
                await stdout.WriteLineAsync($"kept {pending.Record.RunId}: a delivery is still pending (peepshow sinks pending)");
            foreach (var busy in result.KeptInUse)
                await stdout.WriteLineAsync($"kept {busy.Record.RunId}: another peepshow run is using {busy.Record.RunFolder}");
            await stdout.WriteLineAsync(result.Pruned.Count == 0
                ? "nothing to prune"
                : $"pruned {result.Pruned.Count} run{(result.Pruned.Count == 1 ? "" : "s")}, freed {Size(result.BytesFreed)}");
            return 0;
        });
        return command;
    }

    /// <summary>90s, 90m, 36h, 7d, 2w; a bare number is days.</summary>
    internal static TimeSpan? ParseAge(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
            return null;
        var unit = char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 'd';
        var number = char.IsLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || !double.IsFinite(n))
            return null;
        return unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7 * n),
            _ => null,
        };
    }

    private static TimeSpan? Fail(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"--older-than takes an age like 90m, 36h, 7d or 2w (got '{result.Tokens[0].Value}')");
        return null;
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " KB";
}
