using System.Text;
using System.Text.Json;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Transcription;

public static class WhisperCppOutput
{
    /// <summary>
    /// Parses the file leniently: whisper-cli escapes only <c>"</c> and <c>\</c>, so a segment may carry raw
    /// control characters (invalid JSON) or half of a multi-byte character cut at a token boundary
    /// (invalid UTF-8). Both are repaired before the strict parser sees the text.
    /// </summary>
    public static (string? Language, IReadOnlyList<TranscriptSegment> Segments) Parse(ReadOnlySpan<byte> utf8)
    {
        // The default UTF8Encoding replaces invalid sequences with U+FFFD instead of throwing.
        var text = EscapeControlCharactersInStrings(Encoding.UTF8.GetString(utf8));
        var json = JsonSerializer.Deserialize(text, CoreJsonContext.Default.WhisperCppJson)
            ?? throw new JsonException("whisper-cli wrote JSON null");
        var segments = (json.Transcription ?? [])
            .Where(s => s.Offsets is not null)
            .Select(s => new TranscriptSegment(s.Offsets!.From / 1000.0, s.Offsets.To / 1000.0, s.Text ?? ""))
            .ToList();
        return (json.Result?.Language, segments);
    }

    private static string EscapeControlCharactersInStrings(string json)
    {
        StringBuilder? fixedUp = null;
        var inString = false;
        var escaped = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString && !escaped && c < ' ')
            {
                fixedUp ??= new StringBuilder(json.Length + 16).Append(json, 0, i);
                fixedUp.Append(c switch
                {
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => $"\\u{(int)c:x4}",
                });
                continue;
            }
            if (inString)
            {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"')
                    inString = false;
            }
            else if (c == '"')
            {
                inString = true;
            }
            fixedUp?.Append(c);
        }
        return fixedUp?.ToString() ?? json;
    }
}
