using System.Text.Json;
using Peepshow.Core.Runs;
using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.History;

/// <summary>
/// A finished run read back from its folder: the payload and the facts <c>manifest.json</c> keeps, so a run can
/// be shown again (any <c>--emit</c>, its report) without extracting again.
/// </summary>
public sealed record StoredRun(RunHistoryEntry Entry, RunPayload Payload, ManifestFacts? Facts)
{
    /// <summary>
    /// The run with this id, or the only one whose id starts with it. Unknown, ambiguous, moved or deleted runs
    /// and unreadable manifests are a <see cref="PeepshowException"/> with one clear line.
    /// </summary>
    public static async Task<StoredRun> LoadAsync(RunHistory history, string idOrPrefix, CancellationToken cancellationToken)
    {
        var entry = Find(history, idOrPrefix);
        if (entry.Missing)
        {
            throw new PeepshowException(ExitCodes.InputUnresolvable,
                $"run {entry.Record.RunId} is missing: {entry.Record.Manifest} no longer exists (its folder was deleted or moved)")
            {
                Hint = "`peepshow runs prune` forgets missing runs",
            };
        }
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(entry.Record.Manifest, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"cannot read {entry.Record.Manifest}: {ex.Message}");
        }
        var read = ProtocolJson.Read(bytes);
        if (!read.IsOk)
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"{entry.Record.Manifest} is not a readable run manifest: {read.Error}");
        if (read.Payload!.RunId is { } current && current != entry.Record.RunId)
        {
            throw new PeepshowException(ExitCodes.InputUnresolvable,
                $"run {entry.Record.RunId} is gone: a later run ({Output.VisibleText.Escape(current)}) reused its folder {entry.Record.RunFolder}")
            {
                Hint = $"peepshow runs show {Output.VisibleText.Escape(current)}",
            };
        }
        return new StoredRun(entry, read.Payload!, ReadFacts(bytes));
    }

    /// <summary>The facts part of a manifest, or null when it has none readable (the payload alone still shows).</summary>
    public static ManifestFacts? ReadFacts(byte[] manifest)
    {
        try
        {
            return JsonSerializer.Deserialize(manifest, CoreJsonContext.Default.ManifestFacts);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RunHistoryEntry Find(RunHistory history, string idOrPrefix)
    {
        var entries = history.Read().Entries;
        var exact = entries.LastOrDefault(e => e.Record.RunId == idOrPrefix);
        if (exact is not null)
            return exact;
        var matches = entries.Where(e => idOrPrefix.Length > 0 && e.Record.RunId.StartsWith(idOrPrefix, StringComparison.Ordinal))
            .DistinctBy(e => e.Record.RunId).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new PeepshowException(ExitCodes.BadArguments, $"no run {idOrPrefix} in the run history {history.Path}")
            {
                Hint = "`peepshow runs list` shows the runs peepshow knows",
            },
            _ => throw new PeepshowException(ExitCodes.BadArguments,
                $"{idOrPrefix} matches {matches.Count} runs ({string.Join(", ", matches.Take(3).Select(m => m.Record.RunId))}…); give more of the id"),
        };
    }
}
