using System.Collections.Concurrent;
using System.Diagnostics;
using Peepshow.Core.Outbox;
using Peepshow.Core.Output;
using Peepshow.Core.Runs;
using Peepshow.Core.Sinks;
using Peepshow.Core.State;

namespace Peepshow.Core.Batch;

/// <summary>
/// Runs many inputs through the same <see cref="ExtractionRun"/> a single <c>peepshow</c> run uses, a few at a
/// time. Each input's run id comes from <see cref="BatchRunId"/>, its folder is <c>&lt;root&gt;/&lt;run id&gt;</c>, and
/// a complete folder means done: replaying a batch runs only what is missing. A failing input is reported and
/// the others go on; cancelling stops the runs in flight, which remove their own folders.
/// </summary>
public sealed class BatchRun(RunServices services, BatchOptions options)
{
    private readonly ConcurrentQueue<string> _interrupted = new();

    /// <summary>After a cancelled <see cref="RunAsync"/>: each run that was in flight, with what it left behind.</summary>
    public IReadOnlyCollection<string> Interrupted => _interrupted;

    /// <summary>
    /// Runs every input; <paramref name="finished"/> is called once per finished input, never by two runs at once.
    /// Throws <see cref="OperationCanceledException"/> when cancelled, after the runs in flight have cleaned up;
    /// what finished by then has been reported.
    /// </summary>
    public async Task<BatchSummary> RunAsync(IReadOnlyList<BatchInput> inputs, Func<BatchItem, Task> finished, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var root = Path.GetFullPath(options.OutputRoot, services.WorkingDirectory);
        Directory.CreateDirectory(root);
        var gate = new SemaphoreSlim(1, 1);
        int ok = 0, skipped = 0;
        var failed = new List<BatchItem>();
        _interrupted.Clear();

        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellationToken },
            async (input, ct) =>
            {
                var item = await RunOneAsync(input, root, ct);
                await gate.WaitAsync(CancellationToken.None);
                try
                {
                    switch (item.Status)
                    {
                        case BatchItem.StatusOk: ok++; break;
                        case BatchItem.StatusSkipped: skipped++; break;
                        default: failed.Add(item); break;
                    }
                    await finished(item);
                }
                finally
                {
                    gate.Release();
                }
            });

        return new BatchSummary(ok, skipped, failed, inputs.Count - ok - skipped - failed.Count, stopwatch.Elapsed);
    }

    private async Task<BatchItem> RunOneAsync(BatchInput input, string root, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        var request = options.Request(input);
        var runId = BatchRunId.For(input, [.. BatchRunId.ResultOptions(request), .. options.ExtraResultOptions]);
        var folder = Path.Combine(root, runId);

        if (!options.Force && CompletedRun.Read(folder) is { } done)
        {
            return new BatchItem
            {
                Input = input.Source, RunId = runId, Status = BatchItem.StatusSkipped, Frames = done.Frames, RunFolder = folder,
                Sinks = done.Sinks, ElapsedMs = 0,
            };
        }

        try
        {
            ClearLeftovers(folder);
            var result = await new ExtractionRun(services).RunAsync(request with { RunId = runId, OutputDir = folder }, ct);
            var item = new BatchItem
            {
                Input = input.Source, RunId = runId, Status = BatchItem.StatusOk, Frames = result.Payload.Frames.Count, RunFolder = folder,
                Sinks = [.. result.Sinks.Select(Line)], ElapsedMs = Elapsed(stopwatch),
            };
            // As for a single run: a failed delivery the outbox could not keep is lost unless the input runs again,
            // which the next batch does (such a folder does not count as done).
            var lost = result.Sinks.Count(s => s.Status == SinkResult.StatusFailed && s.OutboxId is null);
            return lost == 0 ? item : item with
            {
                Status = BatchItem.StatusFailed, ExitCode = ExitCodes.StateUnusable,
                Error = $"{lost} failed deliver{(lost == 1 ? "y" : "ies")} could not be kept in the outbox; run the batch again once it is writable",
            };
        }
        catch (Exception ex) when (ct.IsCancellationRequested && ex is OperationCanceledException or PeepshowException { ExitCode: ExitCodes.Interrupted })
        {
            // The run has undone itself; its message says whether the outbox kept the folder.
            _interrupted.Enqueue($"{input.Source}: {ex.Message}");
            throw new OperationCanceledException(ct);
        }
        catch (PeepshowException ex)
        {
            return Failed(input, runId, ex.ExitCode, ex.Message, stopwatch);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One input that trips a bug must not cost the others their runs; the line says it was unexpected.
            return Failed(input, runId, ExitCodes.Unexpected, $"unexpected error ({ex.GetType().Name}): {ex.Message}", stopwatch);
        }
    }

    /// <summary>
    /// A folder under the root named by this run id that is not complete is what a killed batch left (or, with
    /// --force, the run being redone): it goes, unless a payload waiting in the outbox still points into it or
    /// another peepshow holds its lock (that run then refuses this one, exit 2, and the folder stays its own).
    /// </summary>
    private void ClearLeftovers(string folder)
    {
        if (!Directory.Exists(folder))
            return;
        var real = RealPath.Of(folder);
        var prefix = real + Path.DirectorySeparatorChar;
        if (SinkOutbox.FromEnvironment(services.Environment.Get, services.WorkingDirectory).ReferencedPaths().Any(p => p == real || p.StartsWith(prefix, StringComparison.Ordinal)))
            return;
        using var held = FileLock.TryAcquire(Path.Combine(folder, RunFolder.LockFileName));
        if (held is not null)
            Directory.Delete(folder, recursive: true);
    }

    private static BatchItem Failed(BatchInput input, string runId, int exitCode, string message, Stopwatch stopwatch) => new()
    {
        Input = input.Source, RunId = runId, Status = BatchItem.StatusFailed, ExitCode = exitCode, Error = FailureText.OneLine(message),
        ElapsedMs = Elapsed(stopwatch),
    };

    private static BatchSinkResult Line(SinkResult sink) => new()
    {
        Name = sink.Name, Status = sink.Status, Record = sink.Record, Url = sink.Url, OutboxId = sink.OutboxId,
    };

    private static double Elapsed(Stopwatch stopwatch) => Math.Round(stopwatch.Elapsed.TotalMilliseconds, 1);
}
