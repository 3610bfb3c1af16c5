using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Transcription;

/// <summary>Builds <see cref="TranscriptInfo"/> the same way for every provider.</summary>
public static class Transcripts
{
    /// <summary>
    /// Trims segment text (whisper starts each segment with a space), drops empty segments, orders them
    /// by start and joins the text with single spaces.
    /// </summary>
    public static TranscriptInfo Build(string provider, string model, string? language, double? durationSeconds, IEnumerable<TranscriptSegment> segments)
    {
        var clean = segments
            .Select(s => s with
            {
                Start = Round(Math.Max(0, s.Start)),
                End = Round(Math.Max(Math.Max(0, s.Start), s.End)),
                Text = Normalize(s.Text),
            })
            .Where(s => s.Text.Length > 0)
            .OrderBy(s => s.Start)
            .ToList();
        return new TranscriptInfo
        {
            Provider = provider,
            Model = model,
            Language = LanguageCodes.Normalize(language),
            DurationSeconds = durationSeconds is { } d ? Round(d) : null,
            Segments = clean,
            Text = string.Join(' ', clean.Select(s => s.Text)),
        };
    }

    public static TranscriptInfo Skipped(string provider, string? model, string reason) => new()
    {
        Provider = provider,
        Model = model,
        Segments = [],
        Text = "",
        SkippedReason = reason,
    };

    /// <summary>Shifts segments by <paramref name="offsetSeconds"/> (a chunk's start, or the run's window start).</summary>
    public static IEnumerable<TranscriptSegment> Shift(IEnumerable<TranscriptSegment> segments, double offsetSeconds) =>
        offsetSeconds == 0 ? segments : segments.Select(s => s with { Start = s.Start + offsetSeconds, End = s.End + offsetSeconds });

    // Milliseconds are the finest any provider reports; rounding keeps 0.1+0.2-style noise out of the JSON.
    private static double Round(double seconds) => Math.Round(seconds, 3, MidpointRounding.AwayFromZero);

    private static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        // Collapse newlines and runs of whitespace: one segment is one line in every output format.
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
