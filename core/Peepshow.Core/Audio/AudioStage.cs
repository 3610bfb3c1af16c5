using System.Collections.Concurrent;
using Peepshow.Core.Runs;
using Peepshow.Core.Transcription;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Audio;

/// <summary>
/// The run's audio stage: maps what the run probed to an <see cref="AudioRequest"/>,
/// with the transcriber chosen once for the run, and subtitles in or beside the input taking its place when
/// the choice allows (<see cref="TranscriberChoice.SubtitlesFirst"/>). It only runs when audio is on (the run
/// decides <c>--no-audio</c>). Skips (no audio stream, animated image) give <c>audio.path: null</c>; an audio track ffmpeg cannot read becomes the run's warning; the hint on
/// enabling transcription is shown after the run, and only for inputs that have something to transcribe.
/// </summary>
public sealed class AudioStage(TranscriberChoice transcription, Func<string, string?> env) : IAudioStage
{
    private readonly ConcurrentQueue<string> _hints = new();

    public IReadOnlyList<string> Hints => [.. _hints];

    public async Task<AudioInfo?> RunAsync(AudioStageContext context, CancellationToken cancellationToken)
    {
        var media = context.Media;
        var request = context.Request;
        var subtitles = transcription.SubtitlesFirst && !media.IsAnimatedImage
            ? SubtitleSource.Find(media, context.Input.IsCopy ? null : context.Input.LocalPath, env(TranscriptionEnv.Language))
            : null;
        if (subtitles is null && media.HasAudio && !media.IsAnimatedImage && transcription.Hint is { } enable)
            _hints.Enqueue(enable);

        string? trouble = null;
        var audio = await AudioExtraction.RunAsync(new AudioRequest
        {
            InputPath = context.Input.LocalPath,
            OutputDir = context.OutputDir,
            FfmpegPath = context.Ffmpeg.FfmpegPath,
            HasAudioStream = media.HasAudio,
            IsAnimatedImage = media.IsAnimatedImage,
            StartSeconds = request.Start,
            WindowSeconds = request.End is { } end ? end - (request.Start ?? 0) : null,
            Transcriber = transcription.Transcriber,
            Subtitles = subtitles,
            MediaDurationSeconds = media.DurationSeconds,
            Notice = line => trouble = line,
        }, cancellationToken);
        // The run turns an exception from its audio stage into an "audio skipped: ..." warning and goes on.
        return trouble is null ? audio : throw new InvalidOperationException(trouble);
    }
}
