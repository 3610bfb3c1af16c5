using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Runs;

/// <summary>
/// The run's audio stage. <see cref="ExtractionRun"/> starts it right after probing, so its ffmpeg
/// process (<c>-vn</c>) runs concurrently with the analysis decode, and awaits it before building the
/// payload, and only when audio is on (<c>--no-audio</c> and <c>PEEPSHOW_AUDIO_ENCODER=off</c> are decided by
/// the run). With no audio to extract (no stream, animated image) it returns <c>audio.path: null</c>. An exception is reported as a warning and never fails the run; cancellation
/// is honoured.
/// </summary>
public interface IAudioStage
{
    Task<AudioInfo?> RunAsync(AudioStageContext context, CancellationToken cancellationToken);

    /// <summary>Next steps for the user (e.g. how to enable transcription), printed after the run's output like its own hints.</summary>
    IReadOnlyList<string> Hints => [];
}
