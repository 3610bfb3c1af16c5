using System.Globalization;
using System.Text;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Output;

/// <summary>
/// <c>--emit timeline</c>: markdown for an agent that walks the video in time order, each frame (timestamp,
/// reason, path) followed by the transcript segments spoken while it was on screen. A frame is "on screen"
/// from its timestamp until the next frame's; a segment belongs to the frame on screen when it starts, so
/// every segment appears exactly once (speech before the first frame goes with the first frame).
/// </summary>
public static class TimelineFormatter
{
    public static string Format(RunPayload payload)
    {
        var transcript = payload.Audio?.Transcript;
        var duration = payload.Video?.DurationSeconds ?? payload.Audio?.DurationSeconds;

        var md = new StringBuilder();
        md.Append("# Timeline");
        if (payload.Input?.Filename is { Length: > 0 } name)
            md.Append(" of ").Append(OneLine(name));
        md.Append("\n\n");
        md.Append(Summary(payload.Frames.Count, duration, payload.Audio, transcript)).Append("\n\n");

        foreach (var entry in Entries(payload))
        {
            md.Append("## ").Append(Clock(entry.Seconds)).Append(entry.Estimated ? " (estimated)" : "")
              .Append(" · frame ").Append(entry.Index);
            if (!string.IsNullOrEmpty(entry.Frame.Reason))
                md.Append(" · ").Append(entry.Frame.Reason);
            md.Append("\n\n![frame ").Append(entry.Index).Append("](<").Append(entry.Frame.Path).Append(">)\n\n");

            foreach (var s in entry.Said)
                md.Append("> [").Append(Clock(s.Start)).Append(" → ").Append(Clock(s.End)).Append("] ").Append(OneLine(s.Text)).Append('\n');
            if (entry.Said.Count > 0)
                md.Append('\n');
        }
        return md.ToString();
    }

    /// <summary>
    /// Each frame with the transcript segments spoken while it was on screen (the grouping described above),
    /// in time order. Every front end that pairs frames with speech uses this, so they all pair them alike.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> Entries(RunPayload payload)
    {
        var frames = payload.Frames;
        var transcript = payload.Audio?.Transcript;
        IReadOnlyList<TranscriptSegment> segments = transcript?.SkippedReason is null
            ? [.. (transcript?.Segments ?? []).OrderBy(s => s.Start)]
            : [];
        var times = FrameTimes(frames, payload.Video?.DurationSeconds ?? payload.Audio?.DurationSeconds);

        var entries = new List<TimelineEntry>(frames.Count);
        var next = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var until = i + 1 < frames.Count ? times[i + 1].Seconds : double.PositiveInfinity;
            var said = new List<TranscriptSegment>();
            for (; next < segments.Count && segments[next].Start < until; next++)
                said.Add(segments[next]);
            entries.Add(new TimelineEntry(frames[i], frames[i].Index ?? i + 1, times[i].Seconds, times[i].Estimated, said));
        }
        return entries;
    }

    private static string Summary(int frameCount, double? duration, AudioInfo? audio, TranscriptInfo? transcript)
    {
        var parts = new List<string>();
        if (duration is { } d)
            parts.Add(Clock(d));
        parts.Add(frameCount == 1 ? "1 frame" : $"{frameCount} frames");
        if (audio?.Path is null)
            parts.Add("no audio");
        else if (transcript is null)
            parts.Add("no transcript (transcription is off or unavailable; `peepshow doctor` says why)");
        else if (transcript.SkippedReason is { } reason)
            parts.Add($"no transcript: {OneLine(reason)}");
        else
        {
            var by = string.Join(' ', new[] { transcript.Provider, transcript.Model }.Where(s => !string.IsNullOrEmpty(s)));
            var language = transcript.Language is { Length: > 0 } l ? $", {l}" : "";
            parts.Add($"transcript by {by}{language}: {transcript.Segments.Count} segment{(transcript.Segments.Count == 1 ? "" : "s")}, each under the frame on screen when it starts");
        }
        return string.Join(" · ", parts);
    }

    /// <summary>Frame times; payloads from producers without timestamps get evenly spread estimates.</summary>
    private static (double Seconds, bool Estimated)[] FrameTimes(IReadOnlyList<FrameInfo> frames, double? duration)
    {
        if (frames.All(f => f.TimestampSeconds is not null))
            return frames.Select(f => (f.TimestampSeconds!.Value, false)).ToArray();
        var span = duration ?? 0;
        return frames.Select((f, i) => (f.TimestampSeconds ?? (frames.Count > 1 ? span * i / (frames.Count - 1) : 0), f.TimestampSeconds is null)).ToArray();
    }

    /// <summary><c>m:ss.s</c>, or <c>h:mm:ss.s</c> from an hour on.</summary>
    public static string Clock(double seconds)
    {
        var tenths = (long)Math.Round(Math.Max(0, seconds) * 10, MidpointRounding.AwayFromZero);
        var (h, m, s, t) = (tenths / 36000, tenths / 600 % 60, tenths / 10 % 60, tenths % 10);
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}.{t}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{s:00}.{t}");
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
