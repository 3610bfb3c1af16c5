using System.Text;
using Peepshow.Core.Outbox;
using Peepshow.Core.Output;
using Peepshow.Core.Runs;
using Peepshow.Core.State;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Sinks;

/// <summary>
/// Fans a run out to its sinks, one after another: CLI sinks in the order given, then the auto-sinks
/// whose <c>--when</c> clauses match. Every delivery goes through the outbox, so a failure (non-zero
/// exit, timeout, not found) leaves the exact payload for <c>peepshow sinks retry</c>. Relays one line
/// per sink to <paramref name="stderr"/>; never throws for a sink's failure.
/// </summary>
public sealed class SinkDispatcher(SinkRunner runner, SinkOutbox outbox, TextWriter stderr)
{
    // Enough of a failing sink's stderr to see why, without burying peepshow's own output.
    private const int RelayedStderrLines = 20;

    /// <summary>The live progress display, if any: each sink shows as a stage while it runs.</summary>
    public IRunProgress? Progress { get; init; }

    /// <summary>Applied to everything of a sink's that is relayed or stored (stderr, success line, errors).</summary>
    public required SecretRedaction Secrets { get; init; }

    public async Task<IReadOnlyList<SinkResult>> DispatchAsync(
        RunPayload payload,
        ReadOnlyMemory<byte> payloadBytes,
        IReadOnlyList<SinkSpec> cliSinks,
        IReadOnlyList<SinkSpec> autoSinks,
        CancellationToken cancellationToken = default)
    {
        var planned = cliSinks.Select(s => (Spec: s, Source: SinkResult.SourceCli, Skip: (string?)null, Number: 0))
            .Concat(autoSinks.Select((s, i) => (Spec: s, Source: SinkResult.SourceAuto, Skip: SinkMatch.Mismatch(s.When, payload), Number: i + 1)))
            .ToList();

        // Numbered as `peepshow sinks list` numbers them: two auto-sinks of one name stay apart.
        var skipped = planned.Where(p => p.Skip is not null).ToList();
        if (skipped.Count > 0)
            Relay($"{skipped.Count} auto-sink{(skipped.Count == 1 ? "" : "s")} skipped (--when did not match: {string.Join(", ", skipped.Select(s => $"#{s.Number} {s.Spec.DisplayName}"))})");

        // Every delivery is in the outbox before the first sink starts: if peepshow is interrupted or
        // killed part-way, the sinks it did not reach are still queued.
        var queued = new Dictionary<int, (OutboxEntry Entry, FileLock Lock)?>();
        try
        {
            for (var i = 0; i < planned.Count; i++)
                if (planned[i].Skip is null)
                    queued[i] = await QueueAsync(planned[i].Spec, payloadBytes, payload.RunId);

            var results = new List<SinkResult>(planned.Count);
            for (var i = 0; i < planned.Count; i++)
            {
                var (spec, source, skip, _) = planned[i];
                if (skip is not null)
                {
                    results.Add(new SinkResult
                    {
                        Name = spec.DisplayName,
                        Kind = spec.Kind,
                        Source = source,
                        Status = SinkResult.StatusSkipped,
                        SkipReason = $"when {skip}",
                        Sink = spec,
                    });
                    continue;
                }
                results.Add(await DeliverAsync(spec, source, payloadBytes, queued[i], cancellationToken));
                queued.Remove(i);
            }
            return results;
        }
        finally
        {
            // Entries left here were interrupted or never reached: they stay queued, unlocked.
            // (Disposing a lock a settled delivery already released is harmless.)
            foreach (var slot in queued.Values)
                slot?.Lock.Dispose();
        }
    }

    /// <summary>Replays outbox entries; each is removed only when its sink now succeeds.</summary>
    public async Task<RetryReport> RetryAsync(IEnumerable<string> entryIds, CancellationToken cancellationToken = default)
    {
        int delivered = 0, failed = 0, busy = 0;
        foreach (var id in entryIds)
        {
            if (outbox.TryTake(id) is not { } taken)
            {
                // Another peepshow holds it: still delivering, or just delivered and removed it.
                if (outbox.Contains(id))
                {
                    Relay($"outbox entry {id} is being delivered by another peepshow process; left alone");
                    busy++;
                }
                continue;
            }
            var spec = taken.Entry.Sink;
            var bytes = Encoding.UTF8.GetBytes(taken.Entry.Payload);
            var result = await DeliverAsync(spec, SinkResult.SourceCli, bytes, taken, cancellationToken, replay: true);
            if (result.Ok)
                delivered++;
            else
                failed++;
        }
        return new RetryReport(delivered, failed, busy);
    }

    // Not cancellable: a few small local writes, and once dispatch has begun every delivery must be on disk.
    private async Task<(OutboxEntry, FileLock)?> QueueAsync(SinkSpec spec, ReadOnlyMemory<byte> payloadBytes, string? runId)
    {
        try
        {
            return await outbox.BeginAsync(spec, payloadBytes, runId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Relay($"cannot write to the outbox {outbox.Directory} ({ex.Message}); sink {spec.DisplayName} runs without a retry copy");
            return null;
        }
    }

    private async Task<SinkResult> DeliverAsync(
        SinkSpec spec, string source, ReadOnlyMemory<byte> payloadBytes, (OutboxEntry Entry, FileLock Lock)? slot,
        CancellationToken cancellationToken, bool replay = false)
    {
        Progress?.Stage($"sink {spec.DisplayName}", null);
        var entry = slot?.Entry;
        if (slot is { } s)
            entry = await OutboxWriteAsync(() => outbox.StartAttemptAsync(s.Entry)) ?? entry;

        SinkProcessResult outcome;
        try
        {
            outcome = Secrets.Redact(await runner.RunAsync(spec, payloadBytes, cancellationToken));
        }
        catch (OperationCanceledException) when (slot is { } held)
        {
            await OutboxWriteAsync(() => outbox.SettleAsync(entry!, held.Lock, delivered: false, "interrupted before the sink finished"));
            throw;
        }

        var name = spec.DisplayName;
        var lastError = outcome.Error is null ? null : outcome.Error + LastLineOf(outcome.StderrTail);
        if (slot is { } settled)
            await OutboxWriteAsync(() => outbox.SettleAsync(entry!, settled.Lock, outcome.Ok, lastError));

        if (outcome.Ok)
        {
            Relay(outcome.Record is { } record ? $"sink {name} ok: {record}" : $"sink {name} ok");
        }
        else
        {
            var queuedAs = entry is null ? "not queued for retry"
                : replay ? $"still queued as {entry.Id} (attempt {entry.Attempts})"
                : $"queued as {entry.Id}; replay with: peepshow sinks retry {entry.Id}";
            Relay($"sink {name} failed: {outcome.Error}; {queuedAs}");
            foreach (var line in TailLines(outcome.StderrTail))
                Relay($"sink {name} stderr: {line}");
        }

        return new SinkResult
        {
            Name = name,
            Kind = spec.Kind,
            Source = source,
            Status = outcome.Ok ? SinkResult.StatusOk : SinkResult.StatusFailed,
            ExitCode = outcome.ExitCode,
            TimedOut = outcome.TimedOut,
            DurationMs = (long)outcome.Duration.TotalMilliseconds,
            Record = outcome.Record,
            Url = outcome.Ok ? SinkResult.FindLink(outcome.Record) : null,
            Stderr = outcome.Ok ? null : outcome.StderrTail,
            Error = outcome.Error,
            OutboxId = outcome.Ok ? null : entry?.Id,
            Sink = spec,
        };
    }

    // The outbox is a safety net: if the disk refuses a bookkeeping write, say so and carry on
    // delivering rather than failing a run whose extraction already succeeded.
    private async Task<T?> OutboxWriteAsync<T>(Func<Task<T>> write) where T : class
    {
        try
        {
            return await write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Relay($"cannot update the outbox {outbox.Directory}: {ex.Message}");
            return null;
        }
    }

    private Task OutboxWriteAsync(Func<Task> write) => OutboxWriteAsync<object>(async () =>
    {
        await write();
        return new object();
    });

    private static string LastLineOf(string? text) =>
        TailLines(text).LastOrDefault() is { } line ? ": " + line : "";

    private static IEnumerable<string> TailLines(string? text) =>
        (text ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).TakeLast(RelayedStderrLines);

    // A sink's output is not ours: control and bidi characters in it must not steer the terminal or hide text.
    private void Relay(string line)
    {
        stderr.WriteLine("peepshow: " + VisibleText.Escape(line));
        stderr.Flush();
    }
}
