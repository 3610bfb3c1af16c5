using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Transcription;

/// <summary>
/// One speech-to-text provider. Implementations report expected failures by throwing
/// <see cref="TranscriptionSkippedException"/>; the audio pass turns every failure into
/// <c>audio.transcript.skippedReason</c>, so a provider can never fail a run.
/// </summary>
public interface ITranscriber
{
    /// <summary>The provider name as it appears in the payload (<c>whisper-cpp</c>, <c>openai</c>, ...).</summary>
    string Name { get; }

    string Model { get; }

    /// <summary>True when the provider wants the 16 kHz mono s16 WAV (the audio pass then writes one in the same ffmpeg run).</summary>
    bool NeedsWav { get; }

    /// <summary>Segments are relative to the start of the audio file, in seconds.</summary>
    Task<TranscriptInfo> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken);
}
