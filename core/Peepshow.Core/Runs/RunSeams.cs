using Peepshow.Core.Inputs;
using Peepshow.Core.Media;
using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Runs;

/// <summary>
/// Seam (a): the audio pass. <see cref="ExtractionRun"/> starts it right after probing, so its ffmpeg
/// process (<c>-vn</c>) runs concurrently with the analysis decode, and awaits it before building the
/// payload. With no audio to extract (no stream, animated image) it returns <c>audio.path: null</c>;
/// <c>--no-audio</c> never reaches it and gets the same. An exception is reported as a warning and never
/// fails the run; cancellation is honoured.
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
/// the formatted stdout is written; its results go into manifest.json under <c>sinks</c>. A failing
/// sink is a result with status <c>failed</c>, never an exception: it must not change the exit code.
/// </summary>
public interface ISinkDispatcher
{
    /// <summary>
    /// Called once before extraction starts: throws a <see cref="PeepshowException"/> to refuse a run whose
    /// deliveries could not be kept (an unreadable auto-sinks file, an outbox that cannot be written).
    /// </summary>
    Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task<IReadOnlyList<SinkResult>> DispatchAsync(SinkDispatchContext context, CancellationToken cancellationToken);
}

/// <param name="Progress">The live progress display when there is one: lines go through it so it does not draw over them.</param>
public sealed record SinkDispatchContext(RunPayload Payload, RunRequest Request, string OutputDir, IRunProgress? Progress = null);

/// <summary>Progress of a run, for the stderr progress bar (shown only on a terminal).</summary>
public interface IRunProgress
{
    /// <summary>A new stage starts; <paramref name="total"/> is in the stage's own unit (seconds, frames), null if unknown.</summary>
    void Stage(string name, double? total);

    void Report(double value);

    /// <summary>Prints one line on stderr above the display (a plain write would be drawn over).</summary>
    void Message(string line);
}
