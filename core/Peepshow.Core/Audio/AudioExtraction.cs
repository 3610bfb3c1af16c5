using System.Globalization;
using System.Text;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Core.Transcription;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Audio;

/// <summary>
/// The audio half of a run: ONE ffmpeg process that reads only the audio stream (<c>-vn</c> before <c>-i</c>, so
/// the video is never decoded here while the frame analysis decodes it concurrently) and, in the same
/// filter graph, writes <c>audio.m4a</c> (AAC, mono, 16 kHz), writes the 16 kHz mono s16 WAV a local transcriber
/// needs, measures the peak (<c>astats</c>) and the silence (<c>silencedetect</c>) of the source signal, and
/// counts the 16 kHz samples for an exact duration. Then the transcriber, if any, runs on the result.
/// Nothing here fails a run: trouble becomes a notice, a null <c>audio.path</c> or a <c>skippedReason</c>.
/// </summary>
public static class AudioExtraction
{
    public const string FileName = "audio.m4a";

    public const string Codec = "aac";

    public const int SampleRateHz = 16000;

    public const int Channels = 1;

    /// <summary>Speech-grade AAC: 32 kb/s mono is ~14 MB an hour, under the HTTP providers' upload limit for most clips.</summary>
    public const string Bitrate = "32k";

    /// <summary>
    /// Silence is "quieter than -40 dBFS for at least half a second": below a typical microphone's room tone
    /// peaks, and long enough that the breaths between words are not counted as silence.
    /// </summary>
    public const string SilenceThreshold = "-40dB";

    public const double SilenceMinSeconds = 0.5;

    public static async Task<AudioInfo> RunAsync(AudioRequest request, CancellationToken cancellationToken)
    {
        if (request.IsAnimatedImage)
            return new AudioInfo();
        if (!request.HasAudioStream)
            return request.Subtitles is null ? new AudioInfo() : new AudioInfo { Transcript = await SubtitlesAsync(request, request.WindowSeconds ?? request.MediaDurationSeconds, cancellationToken) };

        var work = Directory.CreateTempSubdirectory("peepshow-audio-");
        try
        {
            var m4a = Path.Combine(request.OutputDir, FileName);
            var wav = request.Transcriber?.NeedsWav == true ? Path.Combine(work.FullName, "audio-16k.wav") : null;
            var measured = await EncodeAndMeasureAsync(request, m4a, wav, cancellationToken);
            if (measured is null)
                return new AudioInfo();

            var duration = (double)measured.Samples16k / SampleRateHz;
            var info = new AudioInfo
            {
                Path = Path.GetFullPath(m4a),
                DurationSeconds = Math.Round(duration, 3),
                Codec = Codec,
                SampleRateHz = SampleRateHz,
                Channels = Channels,
                PeakDbfs = measured.PeakDbfs is { } peak ? Math.Round(peak, 2) : null,
                SilenceRatio = Math.Round(Math.Clamp(measured.SilenceSeconds / duration, 0, 1), 3),
            };
            if (request.Subtitles is not null)
            {
                // Subtitles say what is said even over a silent or noisy track: no silence check here.
                info = info with { Transcript = await SubtitlesAsync(request, duration, cancellationToken) };
            }
            else if (request.Transcriber is { } transcriber)
            {
                var transcriptionRequest = new TranscriptionRequest
                {
                    AudioPath = info.Path,
                    WavPath = wav,
                    DurationSeconds = duration,
                    WorkDir = work.FullName,
                    FfmpegPath = request.FfmpegPath,
                };
                info = info with { Transcript = await TranscribeAsync(transcriber, transcriptionRequest, info, request.StartSeconds ?? 0, cancellationToken) };
            }
            return info;
        }
        finally
        {
            TryDelete(work);
        }
    }

    /// <summary>The ffmpeg arguments of the pass; <paramref name="wavPath"/> adds the transcriber's WAV as a second output.</summary>
    public static IReadOnlyList<string> BuildArguments(AudioRequest request, string m4aPath, string? wavPath)
    {
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-y" };
        if (request.StartSeconds is > 0 and var start)
            args.AddRange(["-ss", Seconds(start)]);
        if (request.WindowSeconds is > 0 and var window)
            args.AddRange(["-t", Seconds(window)]);
        // As input options these stop the demuxer handing video, subtitle and data packets on at all.
        args.AddRange(["-vn", "-sn", "-dn", "-i", request.InputPath]);

        // Measure the source as it is (a downmix or resample could move the peak); encode a 16 kHz mono copy.
        var silence = $"silencedetect@silence=noise={SilenceThreshold}:d={Seconds(SilenceMinSeconds)}";
        var encode = $"aresample={SampleRateHz},aformat=sample_fmts=s16:channel_layouts=mono," +
                     "astats@length=measure_perchannel=none:measure_overall=Number_of_samples";
        var graph = "[0:a:0]asplit=2[src][meas];" +
                    $"[meas]astats@peak=measure_perchannel=none:measure_overall=Peak_level,{silence},anullsink;" +
                    (wavPath is null ? $"[src]{encode}[enc]" : $"[src]{encode},asplit=2[enc][wav]");
        args.AddRange(["-filter_complex", graph]);
        args.AddRange(["-map", "[enc]", "-c:a", "aac", "-b:a", Bitrate, "-movflags", "+faststart", m4aPath]);
        if (wavPath is not null)
            args.AddRange(["-map", "[wav]", "-c:a", "pcm_s16le", "-f", "wav", wavPath]);
        return args;
    }

    private static async Task<AudioMeasurements?> EncodeAndMeasureAsync(AudioRequest request, string m4a, string? wav, CancellationToken cancellationToken)
    {
        var log = new AudioFilterLog();
        var tail = new TailBuffer(8 * 1024);
        ProcessResult result;
        try
        {
            result = await Cli.Wrap(request.FfmpegPath)
                .WithArguments(BuildArguments(request, m4a, wav))
                .WithStandardErrorPipe(PipeTarget.Merge(PipeTarget.ToDelegate(log.Feed, Encoding.UTF8), tail.ToPipeTarget()))
                .RunAsync(cancellationToken: cancellationToken);
        }
        catch (CommandStartException ex)
        {
            request.Notice?.Invoke(ex.Message);
            return null;
        }

        var measured = log.Result(SampleRateHz);
        if (!result.IsSuccess || measured.Samples16k == 0)
        {
            TryDelete(m4a);
            if (!result.IsSuccess)
                request.Notice?.Invoke($"ffmpeg could not extract the audio ({LastLine(tail.ToString())})");
            return null;
        }
        return measured;
    }

    private static Task<TranscriptInfo> SubtitlesAsync(AudioRequest request, double? durationSeconds, CancellationToken cancellationToken) =>
        SubtitleTranscripts.ReadAsync(
            request.Subtitles!, request.InputPath, request.FfmpegPath,
            request.StartSeconds, request.StartSeconds is { } s && request.WindowSeconds is { } w ? s + w : request.WindowSeconds,
            durationSeconds, cancellationToken);

    private static async Task<TranscriptInfo> TranscribeAsync(ITranscriber transcriber, TranscriptionRequest request, AudioInfo audio, double offsetSeconds, CancellationToken cancellationToken)
    {
        // Whisper models invent text ("Thank you.") for silence; an all-silent track has nothing to say.
        if (audio.PeakDbfs is null || audio.SilenceRatio >= 0.999)
            return Transcripts.Skipped(transcriber.Name, transcriber.Model, $"the audio is silent (quieter than {SilenceThreshold}FS throughout); nothing to transcribe");
        try
        {
            var transcript = await transcriber.TranscribeAsync(request, cancellationToken);
            return offsetSeconds == 0 ? transcript : transcript with { Segments = Transcripts.Shift(transcript.Segments, offsetSeconds).ToList() };
        }
        catch (TranscriptionSkippedException ex)
        {
            return Transcripts.Skipped(transcriber.Name, transcriber.Model, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A provider bug must not cost the user the frames: report it like any other failure.
            return Transcripts.Skipped(transcriber.Name, transcriber.Model, $"{transcriber.Name} failed unexpectedly: {ex.Message}");
        }
    }

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no error message";

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(DirectoryInfo dir)
    {
        try
        {
            dir.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
