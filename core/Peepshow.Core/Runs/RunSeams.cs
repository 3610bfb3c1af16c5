using Peepshow.Core.Inputs;
using Peepshow.Core.Media;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Runs;

/// <summary>
/// Seam (a): the audio pass. <see cref="ExtractionRun"/> starts it right after probing, so its ffmpeg
/// process (<c>-vn</c>) runs concurrently with the analysis decode, and awaits it before building the
/// payload. Return null for "no audio" (no stream, animated image, <c>--no-audio</c>). An exception is
/// reported as a warning and never fails the run; cancellation is honoured.
/// </summary>
public interface IAudioPass
{
    Task<AudioInfo?> RunAsync(AudioPassContext context, CancellationToken cancellationToken);

    /// <summary>Next steps for the user (e.g. how to enable transcription), printed after the run's output like its own hints.</summary>
    IReadOnlyList<string> Hints => [];
}

/// <summary>What the audio pass needs to know about the run.</summary>
public sealed record AudioPassContext(
    RunRequest Request,
    ResolvedInput Input,
    MediaAnalysis Media,
    FfmpegInstallation Ffmpeg,
    string OutputDir);

/// <summary>
/// Seam (b): sink dispatch. Called once after a successful extraction, with the final payload, BEFORE
/// the formatted stdout is written; its records go into manifest.json under <c>sinks</c>. A failing
/// sink is a record with status <c>failed</c>, never an exception: it must not change the exit code.
/// </summary>
public interface ISinkDispatcher
{
    Task<IReadOnlyList<SinkRunRecord>> DispatchAsync(SinkDispatchContext context, CancellationToken cancellationToken);
}

public sealed record SinkDispatchContext(RunPayload Payload, RunRequest Request, string OutputDir);

/// <summary>One sink's outcome as manifest.json records it (shape of the original's SinkResult).</summary>
public sealed record SinkRunRecord
{
    /// <summary>The sink name (<c>databricks</c>) or the shell command of <c>--sink-cmd</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>name</c> or <c>cmd</c>.</summary>
    public required string Kind { get; init; }

    /// <summary><c>ok</c>, <c>failed</c> or <c>skipped</c>.</summary>
    public required string Status { get; init; }

    public bool Ok => Status == "ok";

    /// <summary>True for sinks from the auto-sinks file.</summary>
    public bool Auto { get; init; }

    public int? ExitCode { get; init; }

    public double? DurationMs { get; init; }

    /// <summary>The one line the sink printed naming what it wrote.</summary>
    public string? Output { get; init; }

    /// <summary>The sink's stderr tail, kept only when it failed.</summary>
    public string? Stderr { get; init; }

    /// <summary>The <c>--when</c> clause of an auto-sink.</summary>
    public string? When { get; init; }

    public string? SkipReason { get; init; }

    /// <summary>Set when the payload went to the outbox for <c>peepshow sinks retry</c>.</summary>
    public string? OutboxEntry { get; init; }
}

/// <summary>Progress of a run, for the stderr progress bar (shown only on a terminal).</summary>
public interface IRunProgress
{
    /// <summary>A new stage starts; <paramref name="total"/> is in the stage's own unit (seconds, frames), null if unknown.</summary>
    void Stage(string name, double? total);

    void Report(double value);
}
