using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Transcription;

/// <summary>
/// Reads SubRip (<c>.srt</c>) and WebVTT (<c>.vtt</c>) cues into transcript segments: exact cue times, the
/// text of each cue on one line with styling (<c>&lt;i&gt;</c>, <c>&lt;font&gt;</c>, <c>&lt;c.class&gt;</c>,
/// <c>&lt;v Speaker&gt;</c>, karaoke timestamps, ASS <c>{\an8}</c> overrides) removed and entities decoded.
/// Lenient the way players are: a byte-order mark, CRLF or CR line ends, a missing cue number or a missing
/// blank line before the next cue do not lose cues; a block without a valid timing line is skipped.
/// </summary>
public static partial class SubtitleParser
{
    public static IReadOnlyList<TranscriptSegment> ParseSrt(string text)
    {
        var segments = new List<TranscriptSegment>();
        (double Start, double End)? timing = null;
        var body = new List<string>();

        void Flush()
        {
            if (timing is { } t)
                Add(segments, t.Start, t.End, body);
            timing = null;
            body.Clear();
        }

        foreach (var line in Lines(text))
        {
            if (ParseTiming(line) is { } next)
            {
                // A cue number right above the timing line belongs to the new cue, not to the old one's text.
                if (body.Count > 0 && IsCueNumber(body[^1]))
                    body.RemoveAt(body.Count - 1);
                Flush();
                timing = next;
            }
            else if (line.Trim().Length == 0)
            {
                Flush();
            }
            else if (timing is not null)
            {
                body.Add(line);
            }
        }
        Flush();
        return segments;
    }

    /// <summary>Throws <see cref="FormatException"/> when the text does not start with the <c>WEBVTT</c> signature.</summary>
    public static IReadOnlyList<TranscriptSegment> ParseWebVtt(string text)
    {
        var lines = Lines(text).ToList();
        if (lines.Count == 0 || !WebVttSignature().IsMatch(lines[0]))
            throw new FormatException("not a WebVTT file: the first line is not WEBVTT");

        var segments = new List<TranscriptSegment>();
        var i = 1;
        // The header (metadata lines after the signature) runs to the first blank line.
        while (i < lines.Count && lines[i].Trim().Length > 0 && !lines[i].Contains("-->", StringComparison.Ordinal))
            i++;
        while (i < lines.Count)
        {
            if (lines[i].Trim().Length == 0)
            {
                i++;
                continue;
            }
            var block = new List<string>();
            while (i < lines.Count && lines[i].Trim().Length > 0)
                block.Add(lines[i++]);
            if (IsNonCueBlock(block[0]))
                continue;
            // An optional identifier line comes first; the timing line is the first with an arrow.
            var timingAt = block.FindIndex(l => l.Contains("-->", StringComparison.Ordinal));
            if (timingAt < 0 || ParseTiming(block[timingAt]) is not { } timing)
                continue;
            Add(segments, timing.Start, timing.End, block.Skip(timingAt + 1));
        }
        return segments;
    }

    /// <summary>One cue's lines as plain text on one line: tags and ASS overrides stripped, entities decoded.</summary>
    public static string CleanText(IEnumerable<string> lines)
    {
        var joined = string.Join(' ', lines);
        joined = AssOverride().Replace(joined, "");
        joined = Tag().Replace(joined, "");
        joined = WebUtility.HtmlDecode(joined);
        // Direction marks (&lrm;, &rlm;) are invisible and only get in a reader's way.
        joined = joined.Replace("\u200E", "", StringComparison.Ordinal).Replace("\u200F", "", StringComparison.Ordinal);
        return string.Join(' ', joined.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void Add(List<TranscriptSegment> segments, double start, double end, IEnumerable<string> body)
    {
        var text = CleanText(body);
        if (text.Length > 0 && end >= start)
            segments.Add(new TranscriptSegment(start, end, text));
    }

    private static IEnumerable<string> Lines(string text) =>
        text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');

    private static bool IsCueNumber(string line) => line.Trim() is { Length: > 0 } t && t.All(char.IsAsciiDigit);

    private static bool IsNonCueBlock(string first) =>
        !first.Contains("-->", StringComparison.Ordinal)
        && (first == "NOTE" || first.StartsWith("NOTE ", StringComparison.Ordinal) || first.StartsWith("NOTE\t", StringComparison.Ordinal)
            || first == "STYLE" || first == "REGION");

    private static (double Start, double End)? ParseTiming(string line)
    {
        var match = TimingLine().Match(line);
        if (!match.Success)
            return null;
        return (Seconds(match.Groups["h1"], match.Groups["m1"], match.Groups["s1"], match.Groups["f1"]),
                Seconds(match.Groups["h2"], match.Groups["m2"], match.Groups["s2"], match.Groups["f2"]));
    }

    private static double Seconds(Group hours, Group minutes, Group seconds, Group fraction)
    {
        var h = hours.Success ? long.Parse(hours.Value, CultureInfo.InvariantCulture) : 0;
        var m = int.Parse(minutes.Value, CultureInfo.InvariantCulture);
        var s = int.Parse(seconds.Value, CultureInfo.InvariantCulture);
        // "1,5" is half a second: the digits are a decimal fraction, whatever their count.
        var f = double.Parse("0." + fraction.Value, CultureInfo.InvariantCulture);
        return h * 3600 + m * 60 + s + f;
    }

    // SRT writes 00:01:02,500; WebVTT 00:01:02.500 or, below an hour, 01:02.500. Cue settings or SRT
    // coordinates may follow the end time.
    [GeneratedRegex(@"^\s*(?:(?<h1>\d+):)?(?<m1>\d{1,2}):(?<s1>\d{1,2})[,.](?<f1>\d{1,3})\s*-->\s*(?:(?<h2>\d+):)?(?<m2>\d{1,2}):(?<s2>\d{1,2})[,.](?<f2>\d{1,3})(?:\s.*)?$")]
    private static partial Regex TimingLine();

    [GeneratedRegex(@"^WEBVTT(?:[ \t].*)?$")]
    private static partial Regex WebVttSignature();

    // Markup tags (<i>, </font>, <c.yellow>, <v Anna>, <lang en>) and karaoke timestamps (<00:01.500>); a lone
    // "<" in the text ("a < b") is not a tag and stays.
    [GeneratedRegex(@"</?[A-Za-z][^<>]*>|<\d[\d:.]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\{\\[^{}]*\}")]
    private static partial Regex AssOverride();
}
