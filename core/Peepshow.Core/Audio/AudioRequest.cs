using Peepshow.Core.Transcription;

namespace Peepshow.Core.Audio;

/// <summary>What the run knows when the audio pass starts: the input, what probing found, where to write, and who transcribes.</summary>
public sealed record AudioRequest
{
    /// <summary>A local file ffmpeg can read (the run has already resolved URLs, data URIs and stdin to one).</summary>
    public required string InputPath { get; init; }

    /// <summary>The run folder; <c>audio.m4a</c> is written here.</summary>
    public required string OutputDir { get; init; }

    public required string FfmpegPath { get; init; }

    /// <summary>From the probe: false for silent videos, so no ffmpeg run is spent finding that out.</summary>
    public bool HasAudioStream { get; init; } = true;

    /// <summary>GIF/APNG/animated WebP: never any audio.</summary>
    public bool IsAnimatedImage { get; init; }

    /// <summary>Start of the run's time window in the source, if it has one; transcript times stay in source time.</summary>
    public double? StartSeconds { get; init; }

    /// <summary>Length of the run's time window, if it has one.</summary>
    public double? WindowSeconds { get; init; }

    /// <summary>Null: no transcription (transcript stays null).</summary>
    public ITranscriber? Transcriber { get; init; }

    /// <summary>Set when the transcript comes from subtitles; <see cref="Transcriber"/> is then not run.</summary>
    public SubtitleSource? Subtitles { get; init; }

    /// <summary>The input's duration, for a subtitle transcript of an input without audio.</summary>
    public double? MediaDurationSeconds { get; init; }

    /// <summary>Why the audio was skipped when that is trouble, not a choice (the audio pass never fails a run).</summary>
    public Action<string>? Notice { get; init; }
}
