using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using Peepshow.Core.History;
using Peepshow.Core.Output;
using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Cli.Mcp;

/// <summary>
/// A run as tool results show it: per frame a line <c>frame N at m:ss.ss (reason)</c> with what was said while it
/// was on screen (the timeline's grouping), then the frame as an image; a closing block with the run's facts and
/// deliveries; the payload as structured content.
/// </summary>
internal static class RunContent
{
    /// <param name="wanted">1-based frame indexes to include; null for all.</param>
    public static async Task<List<ContentBlock>> FramesAsync(
        RunPayload payload, IReadOnlyCollection<int>? wanted, Func<string, Task<byte[]>> loadImage)
    {
        var blocks = new List<ContentBlock>();
        foreach (var entry in TimelineFormatter.Entries(payload))
        {
            if (wanted is not null && !wanted.Contains(entry.Index))
                continue;
            var text = Caption(entry);
            if (!File.Exists(entry.Frame.Path))
            {
                blocks.Add(new TextContentBlock { Text = text + "\n(the image file is gone: " + entry.Frame.Path + ")" });
                continue;
            }
            blocks.Add(new TextContentBlock { Text = text });
            blocks.Add(ImageContentBlock.FromBytes(await loadImage(entry.Frame.Path), FrameImages.MimeType));
        }
        return blocks;
    }

    /// <summary>
    /// The run as one image: every frame's line in one text block (numbered as on the sheet), then contact.jpg, where
    /// each frame carries its number and timestamp. One image instead of one per frame.
    /// </summary>
    public static async Task<List<ContentBlock>> SheetAsync(RunPayload payload, string sheetPath)
    {
        var captions = TimelineFormatter.Entries(payload).Select(Caption);
        return
        [
            new TextContentBlock { Text = $"contact sheet of all {payload.Frames.Count} frames, left to right and top to bottom:\n" + string.Join('\n', captions) },
            ImageContentBlock.FromBytes(await File.ReadAllBytesAsync(sheetPath), FrameImages.MimeType),
        ];
    }

    /// <summary><c>frame N at m:ss.ss (reason)</c> and what was said while it was on screen.</summary>
    private static string Caption(TimelineEntry entry)
    {
        var text = new StringBuilder();
        text.Append("frame ").Append(entry.Index).Append(" at ").Append(RunOutput.Timestamp(entry.Seconds));
        if (entry.Estimated)
            text.Append(" (estimated)");
        if (!string.IsNullOrEmpty(entry.Frame.Reason))
            text.Append(" (").Append(entry.Frame.Reason).Append(')');
        foreach (var said in entry.Said)
        {
            text.Append("\n[").Append(TimelineFormatter.Clock(said.Start)).Append(" → ").Append(TimelineFormatter.Clock(said.End)).Append("] ")
                .Append(FailureText.OneLine(said.Text));
        }
        return text.ToString();
    }

    /// <summary>The closing block: run id and folder, the video, the transcript, every delivery with its link, notes.</summary>
    public static TextContentBlock Summary(RunPayload payload, string manifestPath, IReadOnlyList<RunRecordSink>? sinks, IEnumerable<string> notes)
    {
        var text = new StringBuilder();
        text.Append("run ").Append(payload.RunId).Append(" in ").Append(payload.OutputDir).Append('\n');
        text.Append("video: ").Append(RunOutput.StatsLine(payload)).Append('\n');
        text.Append("transcript: ").Append(Transcript(payload)).Append('\n');
        text.Append("delivered: ");
        if (sinks is null)
            text.Append("not asked (deliver: false)\n");
        else if (sinks.Count == 0)
            text.Append("no sink ran (register one with 'peepshow sinks add', e.g. peepshow sinks add databricks)\n");
        else
        {
            text.Append('\n');
            foreach (var sink in sinks)
            {
                text.Append("- ").Append(sink.Name).Append(' ').Append(sink.Status);
                if (sink.Url is { Length: > 0 } url)
                    text.Append(": ").Append(url);
                else if (sink.Status == Core.Sinks.SinkResult.StatusFailed)
                    text.Append(": kept in the outbox; 'peepshow sinks retry' delivers it later");
                text.Append('\n');
            }
        }
        foreach (var note in notes)
            text.Append("note: ").Append(FailureText.OneLine(note)).Append('\n');
        text.Append("manifest: ").Append(manifestPath);
        return new TextContentBlock { Text = text.ToString() };
    }

    /// <summary>The payload exactly as <c>--emit json</c> prints it (and sinks receive it), as structured content.</summary>
    public static JsonElement Structured(RunPayload payload)
    {
        using var document = JsonDocument.Parse(ProtocolJson.SerializeToUtf8(payload, indented: false));
        return document.RootElement.Clone();
    }

    public static string When(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Transcript(RunPayload payload)
    {
        var audio = payload.Audio;
        if (audio?.Path is null)
            return "none (no audio)";
        if (audio.Transcript is not { } transcript)
            return "none (transcription is off or unavailable; 'peepshow doctor' says why)";
        if (transcript.SkippedReason is { } reason)
            return $"skipped: {FailureText.OneLine(reason)}";
        var by = string.Join(' ', new[] { transcript.Provider, transcript.Model }.Where(s => !string.IsNullOrEmpty(s)));
        return $"{transcript.Segments.Count} segment{(transcript.Segments.Count == 1 ? "" : "s")} by {by}, shown under the frames";
    }
}
