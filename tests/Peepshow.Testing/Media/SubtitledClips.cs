using System.Globalization;
using System.Text;

namespace Peepshow.Testing.Media;

/// <summary>
/// Clips that carry subtitles, generated with ffmpeg from cue lists written here (nothing committed): an MP4 with a
/// mov_text stream and an MKV with a French subrip stream and a default English ASS stream. The cue times are
/// on whole centiseconds, which every one of these formats stores exactly.
/// </summary>
public static class SubtitledClips
{
    /// <summary>English cues; the markup is what the subtitle file says, the text what a transcript should read.</summary>
    public static IReadOnlyList<Cue> English { get; } =
    [
        new(0.5, 1.75, "Hello from the subtitles.", "Hello from the <i>subtitles</i>."),
        new(2.0, 3.25, "A cue written on two lines.", "A cue written\non two lines."),
        new(3.5, 4.5, "The end.", "The end."),
    ];

    public static IReadOnlyList<Cue> French { get; } =
    [
        new(0.5, 1.75, "Bonjour des sous-titres.", "Bonjour des sous-titres."),
        new(2.0, 3.25, "Une deuxième ligne.", "Une deuxième ligne."),
    ];

    /// <summary>5 s, 320×240, a 440 Hz tone, and a mov_text subtitle stream tagged <c>eng</c> (stream 0:2).</summary>
    public static Task<GeneratedClip> Mp4WithMovTextAsync(CancellationToken cancellationToken = default) =>
        TestMedia.GetAsync("subtitled-mov_text.mp4", async path =>
        {
            var srt = path + ".en.srt";
            await File.WriteAllTextAsync(srt, Srt(English), cancellationToken);
            await TestMedia.FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=5",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=16000:duration=5",
                "-i", srt,
                "-map", "0:v", "-map", "1:a", "-map", "2:s",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-c:s", "mov_text",
                "-metadata:s:s:0", "language=eng", path);
            File.Delete(srt);
            return [new Segment(0, 5, "subtitled")];
        });

    /// <summary>
    /// 5 s, 320×240, no audio; subtitle stream 0:1 is subrip tagged <c>fre</c>, stream 0:2 is ASS tagged <c>eng</c>
    /// and marked default.
    /// </summary>
    public static Task<GeneratedClip> MkvWithSubripAndAssAsync(CancellationToken cancellationToken = default) =>
        TestMedia.GetAsync("subtitled-subrip-ass.mkv", async path =>
        {
            var french = path + ".fr.srt";
            var english = path + ".en.srt";
            await File.WriteAllTextAsync(french, Srt(French), cancellationToken);
            await File.WriteAllTextAsync(english, Srt(English), cancellationToken);
            await TestMedia.FfmpegAsync(cancellationToken,
                "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=5",
                "-i", french, "-i", english,
                "-map", "0:v", "-map", "1:s", "-map", "2:s",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:s:0", "subrip", "-c:s:1", "ass",
                "-metadata:s:s:0", "language=fre", "-metadata:s:s:1", "language=eng",
                "-disposition:s:0", "0", "-disposition:s:1", "default", path);
            File.Delete(french);
            File.Delete(english);
            return [new Segment(0, 5, "subtitled")];
        });

    /// <summary>The cues as SubRip: numbered blocks, <c>00:00:01,750</c> times.</summary>
    public static string Srt(IEnumerable<Cue> cues, string newline = "\n") =>
        string.Concat(cues.Select((c, i) => $"{i + 1}{newline}{Time(c.Start, ',')} --> {Time(c.End, ',')}{newline}{c.Markup.Replace("\n", newline, StringComparison.Ordinal)}{newline}{newline}"));

    /// <summary>The cues as WebVTT with hour-less times (<c>00:01.750</c>), cue settings and a NOTE block.</summary>
    public static string WebVtt(IEnumerable<Cue> cues, string newline = "\n")
    {
        var text = new StringBuilder($"WEBVTT - made by the specs{newline}{newline}NOTE a comment block,{newline}on two lines{newline}{newline}");
        foreach (var c in cues)
            text.Append(CultureInfo.InvariantCulture, $"{TimeWithoutHours(c.Start)} --> {TimeWithoutHours(c.End)} align:start position:10%{newline}{c.Markup.Replace("\n", newline, StringComparison.Ordinal)}{newline}{newline}");
        return text.ToString();
    }

    private static string Time(double seconds, char separator)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{separator}{t.Milliseconds:000}");
    }

    private static string TimeWithoutHours(double seconds)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}");
    }
}
