using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Peepshow.Core.Runs;
using Peepshow.Core.Sinks;
using Peepshow.Core.State;
using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Outbox;

/// <summary>
/// <c>&lt;home&gt;/outbox/</c>: one JSON file per delivery that has not succeeded yet, named by a sortable id,
/// written atomically. An entry is written before its sink starts and removed only when a delivery of
/// it succeeds, so neither a failing sink, a timeout, nor peepshow being killed mid-delivery loses it.
/// Whoever delivers an entry holds <c>.&lt;id&gt;.lock</c>, so two <c>sinks retry</c> never replay the
/// same entry at once; a lock file is deleted only after its entry, which keeps that race-free.
/// </summary>
public sealed class SinkOutbox(string directory, TimeProvider? time = null)
{
    /// <summary>What an entry says until its first delivery settles; it stays if peepshow is killed first.</summary>
    public const string InFlightError = "peepshow stopped before this delivery finished";

    // Relaxed escaping keeps the stored payload readable; it round-trips to the same string either way.
    private static readonly CoreJsonContext Json = new(new JsonSerializerOptions(CoreJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Directory { get; } = Path.GetFullPath(directory);

    public static SinkOutbox FromEnvironment(Func<string, string?> env, string workingDirectory, TimeProvider? time = null) =>
        new(Path.Combine(PeepshowHome.Path(env, workingDirectory), "outbox"), time);

    /// <summary>
    /// Writes a new entry (no attempts yet) for a delivery about to be made and returns it locked;
    /// <see cref="StartAttemptAsync"/> before each attempt, <see cref="SettleAsync"/> after it.
    /// </summary>
    public async Task<(OutboxEntry Entry, FileLock Lock)> BeginAsync(SinkSpec sink, ReadOnlyMemory<byte> payload, string? runId, CancellationToken cancellationToken = default)
    {
        CreateDirectory();
        var now = _time.GetUtcNow();
        // Same form as run ids: sortable by time as plain text, safe as a file name.
        var id = RunId.New(now);
        var held = FileLock.TryAcquire(LockPath(id)) ?? throw new IOException($"outbox lock {LockPath(id)} is taken by another process");
        try
        {
            var entry = new OutboxEntry
            {
                Id = id,
                RunId = runId,
                Sink = sink with { When = [] },
                Payload = Encoding.UTF8.GetString(payload.Span),
                Attempts = 0,
                LastError = InFlightError,
                CreatedAt = now,
            };
            await WriteAsync(entry, cancellationToken);
            return (entry, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Makes sure an entry could be written now (the folder exists and takes a file), so a run can be refused
    /// before it starts rather than lose its deliveries; throws a <see cref="PeepshowException"/> (exit 8) saying what is wrong.
    /// </summary>
    public void EnsureWritable()
    {
        var probe = Path.Combine(Directory, $".probe.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            CreateDirectory();
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PeepshowException(ExitCodes.StateUnusable, $"cannot write to the outbox {Directory}: {StateFiles.Reason(Directory, ex, isFolder: true)}")
            {
                Hint = "make it a folder you can write to, or point PEEPSHOW_HOME elsewhere; to extract without delivering, drop --sink and add --no-auto-sinks",
            };
        }
    }

    /// <summary>Locks an existing entry for delivery, or returns null when another process is delivering it or it is gone.</summary>
    public (OutboxEntry Entry, FileLock Lock)? TryTake(string id)
    {
        var held = FileLock.TryAcquire(LockPath(id));
        if (held is null)
            return null;
        // Re-read under the lock: another process may have delivered (and removed) it meanwhile.
        var listing = Read(EntryPath(id));
        if (listing.Entry is null)
        {
            if (!File.Exists(EntryPath(id)))
                File.Delete(LockPath(id));
            held.Dispose();
            return null;
        }
        return (listing.Entry, held);
    }

    /// <summary>Records the outcome of a delivery made under <paramref name="held"/> and releases it.</summary>
    public async Task SettleAsync(OutboxEntry entry, FileLock held, bool delivered, string? error, CancellationToken cancellationToken = default)
    {
        using (held)
        {
            if (delivered)
            {
                File.Delete(EntryPath(entry.Id));
                File.Delete(LockPath(entry.Id));
            }
            else
            {
                await WriteAsync(entry with { LastError = error ?? entry.LastError }, cancellationToken);
            }
        }
    }

    /// <summary>The next attempt's bookkeeping, written before a replay starts so a crash mid-replay still counts it.</summary>
    public async Task<OutboxEntry> StartAttemptAsync(OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        var next = entry with { Attempts = entry.Attempts + 1, LastAttemptAt = _time.GetUtcNow() };
        await WriteAsync(next, cancellationToken);
        return next;
    }

    /// <summary>Every entry file, oldest first; unreadable ones are listed with the reason, never deleted.</summary>
    public IReadOnlyList<OutboxListing> List()
    {
        if (!System.IO.Directory.Exists(Directory))
            return [];
        return [.. System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(Read)];
    }

    /// <summary>The entry with this id, or the only one whose id starts with it; null when none or ambiguous.</summary>
    public IReadOnlyList<OutboxListing> Find(string idOrPrefix)
    {
        var all = List();
        var exact = all.Where(l => l.Id == idOrPrefix).ToList();
        return exact.Count > 0 ? exact : [.. all.Where(l => l.Id.StartsWith(idOrPrefix, StringComparison.Ordinal))];
    }

    public bool Contains(string id) => File.Exists(EntryPath(id));

    /// <summary>True when another process holds the entry right now (a run or a retry delivering it).</summary>
    public bool IsBusy(string id)
    {
        if (!File.Exists(LockPath(id)))
            return false;
        using var probe = FileLock.TryAcquire(LockPath(id));
        // Delivered and removed since it was listed: its lock file goes too, as it would have.
        if (probe is not null && !File.Exists(EntryPath(id)))
            File.Delete(LockPath(id));
        return probe is null;
    }

    /// <summary>
    /// True when deleting <paramref name="path"/> would delete something a pending payload still points
    /// at: a frame, the audio, anything in its run folder, or a folder containing them. Cleanup code asks first.
    /// </summary>
    public bool Protects(string path)
    {
        var target = Normalize(path);
        foreach (var payload in PendingPayloads())
        {
            if (IsSameOrInside(target, Normalize(payload.OutputDir)))
                return true;
            if (Referenced(payload).Any(referenced => IsSameOrInside(referenced, target)))
                return true;
        }
        return false;
    }

    /// <summary>Run folders, frames and audio files referenced by pending payloads (absolute paths, symbolic links resolved).</summary>
    public IReadOnlySet<string> ReferencedPaths() => PendingPayloads().SelectMany(Referenced).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Referenced(RunPayload payload) =>
        payload.Frames.Select(f => (string?)f.Path).Append(payload.OutputDir).Append(payload.Audio?.Path).OfType<string>().Select(Normalize);

    private static bool IsSameOrInside(string path, string folder) =>
        path == folder || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private IEnumerable<RunPayload> PendingPayloads() =>
        List().Select(l => l.Entry is null ? null : ProtocolJson.Read(l.Entry.Payload).Payload).OfType<RunPayload>();

    // Real paths: a symbolic link to a run folder must not get around the protection of what is in it.
    private static string Normalize(string path) => RealPath.Of(path);

    // Payloads carry transcripts and file paths: the outbox is for its owner's eyes only.
    private void CreateDirectory()
    {
        if (OperatingSystem.IsWindows())
            System.IO.Directory.CreateDirectory(Directory);
        else
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task WriteAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        await AtomicFile.WriteAllBytesAsync(EntryPath(entry.Id), JsonSerializer.SerializeToUtf8Bytes(entry, Json.OutboxEntry), cancellationToken);

    private static OutboxListing Read(string file)
    {
        var id = Path.GetFileNameWithoutExtension(file);
        try
        {
            var entry = JsonSerializer.Deserialize(File.ReadAllBytes(file), Json.OutboxEntry);
            if (entry is null || entry.Id != id || entry.Sink is null || entry.Sink.Problem() is not null || entry.Payload is null)
                return new OutboxListing(id, file, null, "not an outbox entry (id, sink or payload missing or invalid)");
            return new OutboxListing(id, file, entry, null);
        }
        catch (FileNotFoundException)
        {
            return new OutboxListing(id, file, null, "gone");
        }
        catch (JsonException ex)
        {
            return new OutboxListing(id, file, null, $"not valid JSON ({ex.Message})");
        }
    }

    private string EntryPath(string id) => Path.Combine(Directory, id + ".json");

    private string LockPath(string id) => Path.Combine(Directory, "." + id + ".lock");
}
