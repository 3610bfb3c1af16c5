using System.Text.RegularExpressions;
using Peepshow.Core.Outbox;
using Peepshow.Core.State;

namespace Peepshow.Core.Runs;

/// <summary>
/// The run folder, held for the whole run, and what this run put in it, so a failed or interrupted run can
/// be undone exactly: a folder peepshow created is deleted whole; in an existing <c>--output</c> folder only
/// this run's files go. Nothing a payload waiting in the outbox points at is ever deleted (an interrupt
/// during sink delivery leaves such entries, and an earlier run's frames in a reused <c>--output</c> may be
/// referenced). Paths are compared after resolving symbolic links, so a link to a folder is that folder.
/// </summary>
internal sealed partial class RunFolder : IDisposable
{
    /// <summary>Held (flock) by the run using the folder; left in place, like every lock file of peepshow's.</summary>
    public const string LockFileName = ".peepshow.lock";

    /// <summary>Who holds the lock, for the message a second run gets: written after locking, removed on release.</summary>
    public const string OwnerFileName = ".peepshow.owner";

    private readonly List<string> _created = [];
    private readonly SinkOutbox _outbox;
    private readonly FileLock _lock;

    private RunFolder(string path, bool createdByRun, SinkOutbox outbox, FileLock held)
    {
        Path = path;
        CreatedByRun = createdByRun;
        _outbox = outbox;
        _lock = held;
    }

    public string Path { get; }

    public bool CreatedByRun { get; }

    /// <summary>
    /// Creates the folder (owner-only) when it does not exist and locks it for this run. Another run in it is
    /// exit 2 naming that run; so are stale frames an outbox entry still points at.
    /// </summary>
    public static RunFolder Open(string path, string runId, SinkOutbox outbox)
    {
        if (File.Exists(path))
            throw new PeepshowException(ExitCodes.BadArguments, $"--output {path} is a file, not a folder");
        var created = !Directory.Exists(path);
        try
        {
            // Frames, transcripts and the payload are for their owner's eyes only.
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(path);
            else
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PeepshowException(ExitCodes.BadArguments, $"cannot create the output folder {path}: {ex.Message}");
        }

        var lockPath = System.IO.Path.Combine(path, LockFileName);
        FileLock? held;
        try
        {
            held = FileLock.TryAcquire(lockPath);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PeepshowException(ExitCodes.BadArguments, $"cannot use the output folder {path}: {ex.Message}");
        }
        if (held is null)
        {
            throw new PeepshowException(ExitCodes.BadArguments,
                $"--output {path} is in use by another peepshow run ({Owner(path)}); wait for it to finish or choose another folder");
        }
        try
        {
            File.WriteAllText(System.IO.Path.Combine(path, OwnerFileName), $"run {runId}, pid {Environment.ProcessId}\n");
            if (!created)
            {
                RemoveStaleFrames(path, outbox);
                RemoveStaleOverviews(path);
            }
            return new RunFolder(path, created, outbox, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public void Created(string file) => _created.Add(file);

    /// <summary>Undoes the run; true when nothing of it is left (a folder the outbox still needs is kept).</summary>
    public bool Discard()
    {
        try
        {
            var pending = _outbox.ReferencedPaths();
            var real = RealPath.Of(Path);
            var needed = pending.Any(p => p == real || p.StartsWith(real + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal));
            if (CreatedByRun && !needed)
            {
                Directory.Delete(Path, recursive: true);
                return true;
            }
            // Besides what the run registered, its hidden work files, whenever it failed: candidates written during
            // the analysis (.cand_*, renamed or deleted only by extraction), frames half-written, a download cut short.
            var workFiles = new[] { ".cand_*", ".frame_*.part.*", "input.part" }.SelectMany(pattern => Directory.EnumerateFiles(Path, pattern));
            foreach (var file in _created.Concat(workFiles))
            {
                if (!pending.Contains(RealPath.Of(file)))
                    File.Delete(file);
            }
            return !needed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the error that got us here matters more than a leftover file.
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(System.IO.Path.Combine(Path, OwnerFileName));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Only a hint for the message another run would print.
        }
        _lock.Dispose();
    }

    private static string Owner(string path)
    {
        try
        {
            var text = File.ReadAllText(System.IO.Path.Combine(path, OwnerFileName)).Trim();
            return text.Length > 0 ? text : "run unknown";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The other run is between taking the lock and writing its name.
            return "run starting";
        }
    }

    /// <summary>
    /// frame_NNNN files of an earlier run in the same <c>--output</c> would be read as this run's frames by
    /// anyone globbing the folder; only files with exactly that name pattern are removed. When a payload
    /// waiting in the outbox still points at them, the run is refused instead: overwriting them would
    /// deliver this run's pictures under that run's record.
    /// </summary>
    private static void RemoveStaleFrames(string path, SinkOutbox outbox)
    {
        var stale = Directory.EnumerateFiles(path, "frame_*").Where(f => FramePattern().IsMatch(System.IO.Path.GetFileName(f))).ToList();
        if (stale.Count == 0)
            return;
        var pending = outbox.ReferencedPaths();
        if (stale.Any(f => pending.Contains(RealPath.Of(f))))
            throw new PeepshowException(ExitCodes.BadArguments,
                $"--output {path} holds frames of a run whose delivery is still in the outbox; deliver it first (peepshow sinks pending, peepshow sinks retry) or use another folder");
        foreach (var file in stale)
            File.Delete(file);
    }

    /// <summary>
    /// An earlier run's contact.jpg and report.html would show its frames as this run's (the sheet is drawn only on
    /// demand, so a run that draws none would leave the old one beside its own manifest). Only in a folder an earlier
    /// run used (it has a manifest.json): a report.html of the user's own in some other folder is not ours to delete.
    /// </summary>
    private static void RemoveStaleOverviews(string path)
    {
        if (!File.Exists(System.IO.Path.Combine(path, RunManifest.FileName)))
            return;
        foreach (var name in StaleOverviews)
            File.Delete(System.IO.Path.Combine(path, name));
    }

    private static readonly string[] StaleOverviews = [Media.ContactSheet.FileName, Output.RunReport.FileName];

    [GeneratedRegex(@"^frame_\d{4,}\.(jpg|png)$")]
    private static partial Regex FramePattern();
}
