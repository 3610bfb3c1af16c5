using System.Text;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Transcription;

/// <summary>
/// The <c>subtitles</c> provider: the transcript read from a <see cref="SubtitleSource"/>, with the cue times as
/// they are (source time, like every transcript) and no model. Embedded streams are converted to SRT by ffmpeg on
/// stdout (mov_text, WebVTT and ASS alike); sidecar files are read directly.
/// </summary>
public static class SubtitleTranscripts
{
    public const string ProviderName = "subtitles";

    public const string NoneFoundReason = "no text subtitle stream in the input and no .srt/.vtt file beside it";

    // A subtitle track is a few hundred kilobytes at most; anything far bigger is not one we want in a payload.
    private const int MaxChars = 16 * 1024 * 1024;

    private static readonly TimeSpan ConvertTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The transcript, or a skipped one saying why. Only cues that overlap the run's window
    /// [<paramref name="windowStart"/>, <paramref name="windowEnd"/>] are kept.
    /// </summary>
    public static async Task<TranscriptInfo> ReadAsync(SubtitleSource source, string inputPath, string ffmpegPath, double? windowStart, double? windowEnd, double? durationSeconds, CancellationToken cancellationToken)
    {
        IReadOnlyList<TranscriptSegment> cues;
        try
        {
            cues = source.SidecarPath is { } sidecar
                ? await ReadSidecarAsync(sidecar, cancellationToken)
                : await ConvertStreamAsync(source.Stream!, inputPath, ffmpegPath, cancellationToken);
        }
        catch (TranscriptionSkippedException ex)
        {
            return Transcripts.Skipped(ProviderName, source.Description, ex.Message);
        }

        var start = windowStart ?? 0;
        var end = windowEnd ?? double.PositiveInfinity;
        var inWindow = cues.Where(c => c.End > start && c.Start < end);
        return Transcripts.Build(ProviderName, source.Description, source.Language, durationSeconds, inWindow);
    }

    private static async Task<IReadOnlyList<TranscriptSegment>> ReadSidecarAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            if (new FileInfo(path).Length > MaxChars)
                throw new TranscriptionSkippedException($"{Path.GetFileName(path)} is larger than {MaxChars / 1048576} MB; not a subtitle file peepshow reads");
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TranscriptionSkippedException($"cannot read {Path.GetFileName(path)}: {ex.Message}", ex);
        }
        try
        {
            return Path.GetExtension(path).Equals(".vtt", StringComparison.OrdinalIgnoreCase)
                ? SubtitleParser.ParseWebVtt(text)
                : SubtitleParser.ParseSrt(text);
        }
        catch (FormatException ex)
        {
            throw new TranscriptionSkippedException($"{Path.GetFileName(path)}: {ex.Message}", ex);
        }
    }

    private static async Task<IReadOnlyList<TranscriptSegment>> ConvertStreamAsync(Media.SubtitleStreamInfo stream, string inputPath, string ffmpegPath, CancellationToken cancellationToken)
    {
        BufferedProcessResult result;
        try
        {
            result = await Cli.Wrap(ffmpegPath)
                .WithArguments([
                    "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error",
                    "-i", "file:" + inputPath,
                    "-map", $"0:{stream.Index}", "-c:s", "srt", "-f", "srt", "pipe:1"])
                .RunBufferedAsync(ConvertTimeout, MaxChars, cancellationToken);
        }
        catch (CommandStartException ex)
        {
            throw new TranscriptionSkippedException($"cannot run ffmpeg to read the subtitles ({ex.InnerException?.Message ?? ex.Message})", ex);
        }
        if (result.TimedOut)
            throw new TranscriptionSkippedException($"ffmpeg took longer than {ConvertTimeout.TotalMinutes:0} minutes to read subtitle stream 0:{stream.Index}");
        if (result.ExitCode != 0)
        {
            var why = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {result.ExitCode}";
            throw new TranscriptionSkippedException($"ffmpeg could not read subtitle stream 0:{stream.Index} ({stream.Codec}): {why}");
        }
        return SubtitleParser.ParseSrt(result.StandardOutput);
    }
}
