using System.Text;
using Peepshow.Protocol.Hosting;
using Peepshow.Protocol.Payload;

namespace Peepshow.Protocol.Rows;

/// <summary>The one mapper from payload to <see cref="StandardRow"/>, shared by every table-shaped sink.</summary>
public static class StandardRowMapper
{
    /// <summary>Transcripts are capped so one long video cannot exceed a backend's cell or request limit.</summary>
    public const int TranscriptCapBytes = 1024 * 1024;

    /// <param name="frameBaseUrl">The value of <c>PEEPSHOW_FRAME_BASE_URL</c>, or null when unset.</param>
    /// <param name="now">Used for <c>created_at</c> only when the payload has no <c>createdAt</c>.</param>
    public static StandardRow Map(RunPayload payload, string? frameBaseUrl, DateTimeOffset now)
    {
        var runId = RunIdOf(payload);
        var tags = payload.Video?.Tags;

        return new StandardRow(
            RunId: runId,
            Title: NonBlank(tags, "title") ?? NonBlank(tags, "show") ?? FileStem(payload.Input) ?? runId,
            Frames: payload.Frames.Count,
            Duration: payload.Video?.DurationSeconds ?? 0,
            Transcript: CapUtf8(payload.Audio?.Transcript?.Text, TranscriptCapBytes),
            ThumbnailUrl: ThumbnailUrl(frameBaseUrl, payload.Frames),
            Strategy: payload.Strategy,
            Tags: ProtocolJson.SerializeTags(tags),
            CreatedAt: payload.CreatedAt ?? now);
    }

    /// <summary><c>runId</c>, or for producers without one the run folder's name (what the original sinks used).</summary>
    /// <exception cref="SinkException">
    /// Exit 4 when there is neither: a folder like <c>/</c> or <c>.</c> names no run, and every such payload would be
    /// stored under one empty or meaningless key, each overwriting the last.
    /// </exception>
    public static string RunIdOf(RunPayload payload)
    {
        if (!string.IsNullOrWhiteSpace(payload.RunId))
            return payload.RunId;
        var name = Path.GetFileName(payload.OutputDir.TrimEnd('/', '\\'));
        if (string.IsNullOrWhiteSpace(name) || name is "." or "..")
            throw SinkException.MalformedInput(
                $"the payload has no runId and its outputDir '{payload.OutputDir}' has no folder name to use instead, so the run has no key to be stored under; "
                + "send a payload with a runId (peepshow always writes one)");
        return name;
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxBytes"/> of UTF-8 without splitting a character.</summary>
    public static string? CapUtf8(string? text, int maxBytes)
    {
        if (text is null || Encoding.UTF8.GetByteCount(text) <= maxBytes)
            return text;

        var bytes = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
                break;
            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return text[..end];
    }

    private static string? ThumbnailUrl(string? baseUrl, IReadOnlyList<FrameInfo> frames)
    {
        if (string.IsNullOrWhiteSpace(baseUrl) || frames.Count == 0)
            return null;
        var name = Path.GetFileName(frames[0].Path);
        return string.IsNullOrEmpty(name) ? null : $"{baseUrl.TrimEnd('/')}/{name}";
    }

    private static string? NonBlank(IReadOnlyDictionary<string, string>? tags, string key) =>
        tags is not null && tags.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static string? FileStem(InputInfo? input)
    {
        var stem = Path.GetFileNameWithoutExtension(input?.Filename);
        return string.IsNullOrWhiteSpace(stem) ? null : stem;
    }
}
