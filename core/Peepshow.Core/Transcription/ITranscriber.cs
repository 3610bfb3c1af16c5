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

/// <summary>The audio the pass produced, ready for a provider.</summary>
public sealed record TranscriptionRequest
{
    /// <summary><c>audio.m4a</c> in the run folder: AAC, mono, 16 kHz.</summary>
    public required string AudioPath { get; init; }

    /// <summary>16 kHz mono s16 WAV, present when <see cref="ITranscriber.NeedsWav"/>.</summary>
    public string? WavPath { get; init; }

    public required double DurationSeconds { get; init; }

    /// <summary>A private scratch folder the provider may write to; deleted after the run.</summary>
    public required string WorkDir { get; init; }

    /// <summary>For providers that need to cut the audio (the HTTP provider's upload limit).</summary>
    public required string FfmpegPath { get; init; }
}

/// <summary>An expected reason a provider produced no transcript. The message is the user-facing <c>skippedReason</c>.</summary>
public sealed class TranscriptionSkippedException(string reason, Exception? inner = null) : Exception(reason, inner);
