namespace Peepshow.Core.Transcription;

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
