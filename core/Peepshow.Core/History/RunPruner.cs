using Peepshow.Core.Outbox;
using Peepshow.Core.Runs;
using Peepshow.Core.State;
using Peepshow.Protocol;

namespace Peepshow.Core.History;

/// <summary>
/// <c>peepshow runs prune</c>: deletes old runs' files and forgets them. Only what a run wrote is deleted (the files
/// its manifest names, <c>report.html</c>, <c>contact.jpg</c>, the manifest), then its folder if that left it empty:
/// <c>-o</c> may have pointed at a folder that holds other things. A run whose delivery is still pending in the
/// outbox is never touched, nor one whose folder another run is using; a run whose folder is gone is just forgotten.
/// </summary>
public sealed class RunPruner(RunHistory history, SinkOutbox outbox)
{
    /// <summary>Files a run writes next to its manifest besides frames and audio.</summary>
    public static readonly IReadOnlyList<string> RunFiles = ["report.html", "contact.jpg"];

    /// <summary>
    /// Prunes the runs <paramref name="select"/> picks from the history (given newest first).
    /// </summary>
    public async Task<PruneResult> PruneAsync(Func<IReadOnlyList<RunHistoryEntry>, IEnumerable<RunHistoryEntry>> select, CancellationToken cancellationToken)
    {
        var newestFirst = history.Read().Entries.AsEnumerable().Reverse().DistinctBy(e => e.Record.RunId).ToList();
        var chosen = select(newestFirst).ToList();
        var pruned = new List<PrunedRun>();
        var pending = new List<RunHistoryEntry>();
        var busy = new List<RunHistoryEntry>();
        foreach (var entry in chosen)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Missing)
            {
                pruned.Add(new PrunedRun(entry, 0, FolderLeft: false));
                continue;
            }
            if (outbox.Protects(entry.Record.RunFolder))
            {
                pending.Add(entry);
                continue;
            }
            // A run working in the folder right now (-o reused) holds its lock: its files are not ours to delete.
            using var held = FileLock.TryAcquire(Path.Combine(entry.Record.RunFolder, RunFolder.LockFileName));
            if (held is null)
                busy.Add(entry);
            else
                pruned.Add(Delete(entry));
        }
        var ids = pruned.Select(p => p.Entry.Record.RunId).ToHashSet(StringComparer.Ordinal);
        await history.RemoveAsync(e => ids.Contains(e.Record.RunId), cancellationToken);
        return new PruneResult(pruned, pending, busy);
    }

    /// <summary>Deletes what the run wrote; called with the folder's lock held, so no run can start in it meanwhile.</summary>
    private static PrunedRun Delete(RunHistoryEntry entry)
    {
        var folder = entry.Record.RunFolder;
        var files = new List<string>();
        var read = ProtocolJson.Read(TryReadAll(entry.Record.Manifest));
        // A later run reused the folder (-o): the files are that run's now, and this one is only forgotten.
        if (read.Payload?.RunId is { } current && current != entry.Record.RunId)
            return new PrunedRun(entry, 0, FolderLeft: true) { ReplacedBy = current };
        if (read.Payload is { } payload)
        {
            files.AddRange(payload.Frames.Select(f => f.Path).OfType<string>());
            if (payload.Audio?.Path is { } audio)
                files.Add(audio);
        }
        files.AddRange(RunFiles.Select(name => Path.Combine(folder, name)));
        files.Add(Path.Combine(folder, RunFolder.OwnerFileName));
        files.Add(entry.Record.Manifest);

        long freed = 0;
        foreach (var file in files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            // Only inside the run folder: a manifest edited by hand must not point the deletion elsewhere.
            if (!file.StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                continue;
            var info = new FileInfo(file);
            if (!info.Exists)
                continue;
            var size = info.Length;
            info.Delete();
            freed += size;
        }
        // The lock file goes with the folder, never on its own: a folder that keeps other files keeps its lock.
        var lockFile = Path.Combine(folder, RunFolder.LockFileName);
        var left = Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(f => f != lockFile);
        if (Directory.Exists(folder) && !left)
        {
            File.Delete(lockFile);
            Directory.Delete(folder);
        }
        return new PrunedRun(entry, freed, left);
    }

    private static byte[] TryReadAll(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
