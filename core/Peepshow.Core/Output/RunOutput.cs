using System.Globalization;
using System.Text;
using Peepshow.Core.Sinks;
using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Output;

/// <summary>
/// Renders a finished run for stdout. <c>paths</c> is the original's format line for line, so
/// agents that parse it keep working; <c>json</c> is byte-for-byte what sinks receive.
/// </summary>
public static class RunOutput
{
    /// <param name="delivered">The run's sink results: markdown and timeline close with a "Delivered" section listing them.</param>
    public static string Render(RunPayload payload, EmitFormat emit, StatsLevel stats, IReadOnlyList<SinkResult>? delivered = null) => emit switch
    {
        EmitFormat.Json => ProtocolJson.Serialize(payload) + "\n",
        EmitFormat.Markdown => Markdown(payload, stats) + DeliveredSection.Format(delivered ?? []),
        EmitFormat.Caveman => Caveman(payload, stats),
        EmitFormat.Timeline => TimelineFormatter.Format(payload) + DeliveredSection.Format(delivered ?? []),
        EmitFormat.Sheet => Path.Combine(payload.OutputDir, Media.ContactSheet.FileName) + "\n",
        _ => Paths(payload, stats),
    };

    private static string Paths(RunPayload payload, StatsLevel stats)
    {
        var sb = new StringBuilder();
        sb.Append("peepshow: extracted ").Append(Count(payload.Frames.Count, "frame")).Append(" via ")
            .Append(payload.Strategy == "fps" ? "fps sampling" : "scene detection").Append(" to ").Append(payload.OutputDir).Append('\n');
        if (stats != StatsLevel.Off)
            sb.Append("peepshow stats: ").Append(StatsLine(payload)).Append('\n');
        if (stats == StatsLevel.Full)
            foreach (var line in FullStats(payload))
                sb.Append("peepshow stats: ").Append(line).Append('\n');
        foreach (var frame in payload.Frames)
            sb.Append(frame.Path).Append('\n');
        return sb.ToString();
    }

    private static string Caveman(RunPayload payload, StatsLevel stats)
    {
        var sb = new StringBuilder();
        if (stats != StatsLevel.Off)
        {
            var v = payload.Video;
            var parts = new List<string> { $"{payload.Frames.Count}frm" };
            if (v?.DurationSeconds is { } d)
                parts.Add(Number(d, 1) + "s");
            if (v?.Width is { } w && v.Height is { } h)
                parts.Add($"{w}x{h}");
            if (v?.Codec is { } codec)
                parts.Add(codec);
            if (v?.Fps is { } fps)
                parts.Add(Number(fps, 2) + "fps");
            parts.Add(payload.Strategy);
            if (payload.Extraction?.ElapsedMs is { } ms)
                parts.Add(Number(ms, 2) + "ms");
            if (payload.Audio?.Transcript?.Text is { Length: > 0 })
                parts.Add("+tx");
            sb.Append(string.Join(' ', parts)).Append('\n');
        }
        foreach (var frame in payload.Frames)
            sb.Append(frame.Path).Append('\n');
        return sb.ToString();
    }

    private static string Markdown(RunPayload payload, StatsLevel stats)
    {
        var sb = new StringBuilder();
        var v = payload.Video;
        if (stats != StatsLevel.Off)
        {
            sb.Append("## peepshow: ").Append(Title(payload) ?? payload.Input?.Filename ?? Path.GetFileName(payload.OutputDir)).Append("\n\n");
            sb.Append(Count(payload.Frames.Count, "frame")).Append(" via ").Append(payload.Strategy == "fps" ? "fps sampling" : "scene detection");
            if (v?.DurationSeconds is { } d)
                sb.Append(" · ").Append(Duration(d));
            if (v?.Width is { } w && v.Height is { } h)
                sb.Append(" · ").Append(w).Append('×').Append(h);
            sb.Append("\n\n");
        }
        foreach (var frame in payload.Frames)
        {
            sb.Append("![frame ").Append(frame.Index);
            if (frame.TimestampSeconds is { } t)
                sb.Append(" at ").Append(Timestamp(t));
            if (frame.Reason is { } reason)
                sb.Append(" (").Append(reason).Append(')');
            sb.Append("](").Append(frame.Path).Append(")\n");
        }
        if (payload.Audio?.Transcript?.Text is { Length: > 0 } text && stats != StatsLevel.Off)
            sb.Append("\n**Transcript:** ").Append(text.Trim()).Append('\n');
        if (stats == StatsLevel.Off)
            return sb.ToString();

        sb.Append("\n| stat | value |\n|---|---|\n");
        void Row(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                sb.Append("| ").Append(key).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)).Append(" |\n");
        }
        Row("duration", v?.DurationSeconds is { } dd ? Duration(dd) : null);
        Row("resolution", v?.Width is { } rw && v.Height is { } rh ? $"{rw}×{rh}" : null);
        Row("codec", v?.Codec);
        Row("fps", v?.Fps is { } f ? Number(f, 3) : null);
        Row("container", v?.Container);
        Row("size", v?.SizeBytes is { } size ? Bytes(size) : null);
        Row("frames", $"{payload.Frames.Count} ({payload.Extraction?.TotalOutputBytes / 1024 ?? 0} KB)");
        if (stats == StatsLevel.Full && payload.Extraction is { } x)
        {
            Row("selection", Selection(x));
            Row("elapsed", x.ElapsedMs is { } ms ? Number(ms, 2) + " ms" : null);
            Row("ffmpeg", $"{x.FfmpegSource} {x.FfmpegPath}");
        }
        if (v?.Tags is { } tags)
            foreach (var (key, value) in tags)
                Row(key, value);
        return sb.ToString();
    }

    /// <summary><c>"Title" 0:42 1920×1080 h264 30fps 12.4MB → 12 via scene, 410KB, 187.24ms</c>.</summary>
    public static string StatsLine(RunPayload payload)
    {
        var v = payload.Video;
        var parts = new List<string>();
        if (Title(payload) is { } title)
            parts.Add($"\"{title}\"");
        if (v?.DurationSeconds is { } d)
            parts.Add(Duration(d));
        if (v?.Width is { } w && v.Height is { } h)
            parts.Add($"{w}×{h}");
        if (v?.Codec is { } codec)
            parts.Add(codec);
        if (v?.Fps is { } fps)
            parts.Add(Number(fps, 2) + "fps");
        if (v?.SizeBytes is { } size)
            parts.Add(Bytes(size));
        var x = payload.Extraction;
        var tail = $"→ {payload.Frames.Count} via {payload.Strategy}, {(x?.TotalOutputBytes ?? 0) / 1024}KB, {Number(x?.ElapsedMs ?? 0, 2)}ms";
        if (payload.Audio is { } audio)
        {
            if (audio.Path is not null)
                tail += ", audio";
            if (audio.Transcript is { Text.Length: > 0 } transcript)
                tail += $" + transcript ({transcript.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length} words)";
        }
        parts.Add(tail);
        return string.Join(' ', parts);
    }

    private static IEnumerable<string> FullStats(RunPayload payload)
    {
        if (payload.Extraction is { } x)
        {
            yield return "selection: " + Selection(x);
            yield return $"ffmpeg: {x.FfmpegSource} {x.FfmpegPath}";
        }
        if (payload.Frames.Count > 0)
            yield return "frames: " + string.Join(", ", payload.Frames.Select(f => $"{f.Index}@{(f.TimestampSeconds is { } t ? Timestamp(t) : "?")} {f.Reason}"));
        if (payload.Video?.Tags is { Count: > 0 } tags)
            yield return "tags: " + string.Join(", ", tags.Select(t => $"{t.Key}={t.Value.Replace('\n', ' ')}"));
        if (payload.RunId is { } id)
            yield return "run: " + id;
    }

    private static string Selection(ExtractionInfo x)
    {
        var parts = new List<string> { x.Strategy == "fps" ? $"fps {Number(x.Fps ?? 0, 3)}" : $"threshold {Number(x.Threshold ?? 0, 3)}" };
        parts.Add($"{x.FramesBeforePrune ?? 0} kept before pruning");
        parts.Add($"{x.FramesDeduped ?? 0} near-duplicates dropped (distance {x.DedupDistance})");
        parts.Add($"{x.FramesPruned ?? 0} pruned");
        parts.Add($"motion {Number(x.MotionSignalAvg ?? 0, 1)} ({x.MotionSignalLevel})");
        return string.Join(" · ", parts);
    }

    /// <summary>The video's <c>title</c> (or <c>show</c>) tag, trimmed; null when it has none.</summary>
    public static string? Title(RunPayload payload)
    {
        var tags = payload.Video?.Tags;
        if (tags is null)
            return null;
        foreach (var key in new[] { "title", "show" })
        {
            var match = tags.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
            if (!string.IsNullOrWhiteSpace(match.Value))
                return match.Value.Trim();
        }
        return null;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>0:42, 12:05, 1:32:18.</summary>
    public static string Duration(double seconds)
    {
        var total = (long)Math.Round(seconds);
        var (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
        return h > 0 ? $"{h}:{m:00}:{s:00}" : $"{m}:{s:00}";
    }

    /// <summary>0:08.60, 1:02:03.25: a frame's position with hundredths.</summary>
    public static string Timestamp(double seconds)
    {
        var whole = (long)Math.Floor(seconds);
        var fraction = seconds - whole;
        var (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60);
        var hundredths = Math.Min(99, (int)Math.Round(fraction * 100));
        return h > 0 ? $"{h}:{m:00}:{s:00}.{hundredths:00}" : $"{m}:{s:00}.{hundredths:00}";
    }

    private static string Bytes(long bytes) => bytes >= 1024 * 1024
        ? Number(bytes / (1024.0 * 1024), 1) + "MB"
        : Number(bytes / 1024.0, 0) + "KB";

    private static string Number(double value, int decimals) =>
        Math.Round(value, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)), CultureInfo.InvariantCulture);
}
