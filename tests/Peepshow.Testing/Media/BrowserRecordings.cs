using System.Globalization;
using System.Net;
using System.Text;
using CliWrap;
using Peepshow.Core.Processes;

namespace Peepshow.Testing.Media;

/// <summary>
/// Clips of real rendering: headless Chromium draws every step of an HTML deck (its own fonts, anti-aliasing and
/// layout) in one tall screenshot, and ffmpeg cuts it into a video with cross-fades between slides, compressed
/// at CRF 30 the way screen recorders leave text. One Chromium run per clip, cached like every generated clip.
/// </summary>
public static class BrowserRecordings
{
    private const int Width = 1280, Height = 720;

    /// <summary>The deck of <see cref="BulletDeckAsync"/>: four slides, each a title and four bullets.</summary>
    public static IReadOnlyList<(string Title, string[] Bullets)> Deck { get; } =
    [
        ("Quarterly review", ["Revenue grew in every region", "Churn fell to four percent", "Two new markets opened", "Margins held at 31 percent"]),
        ("Customers", ["Net promoter score is up", "Support tickets fell by a third", "Onboarding takes two days", "Three large renewals signed"]),
        ("Platform", ["Search ships to everyone", "Sharing is in beta", "Uptime was 99.95 percent", "Costs stayed flat"]),
        ("Next quarter", ["Hire two platform engineers", "Launch the mobile app", "Open the Berlin office", "Review pricing"]),
    ];

    /// <summary>
    /// A browser slide deck: each slide shows its title, reveals a bullet every 0.7 s, holds the complete slide,
    /// then cross-fades (0.5 s) to the next. Segments: "building N" while bullets appear, "slide N" while it is
    /// complete and still, "fade N" while it fades into the next.
    /// </summary>
    public static Task<GeneratedClip> BulletDeckAsync(CancellationToken cancellationToken = default) =>
        TestMedia.GetAsync("browser-deck.mp4", async path =>
        {
            const double step = 0.7, hold = 2.0, fade = 0.5;
            var steps = Deck[0].Bullets.Length;
            var slideSeconds = steps * step + hold + fade;

            var html = path + ".html";
            var png = path + ".png";
            await File.WriteAllTextAsync(html, Html(), cancellationToken);
            await ScreenshotAsync(html, png, Height * Deck.Count * (steps + 1), cancellationToken);

            var total = Deck.Count * (slideSeconds - fade) + fade;
            // The screenshot is decoded once and repeated in memory as a 10 fps stream, the analysis's own sampling rate (a
            // 0.5 s fade still spans five frames; 30 fps cost twice the CPU for the same frames chosen). An input looped with
            // -loop 1 would decode the whole tall PNG again for every frame: a minute of CPU for a 20 s clip. It is converted once,
            // before the loop, not for every frame: to the video's 4:2:0, as a screen recorder keeps it, then to the 4:4:4
            // that xfade blends in (else ffmpeg converts every frame of every branch to 4:4:4 for xfade: 2 CPU seconds;
            // the clip is the same to the bit). One branch per slide crops the step it is at; xfade chains them.
            var graph = new StringBuilder($"[0:v]format=yuv420p,format=yuv444p,loop=loop=-1:size=1,setpts=N/10/TB,trim=duration={Num(total)},split={Deck.Count}" + string.Concat(Enumerable.Range(0, Deck.Count).Select(i => $"[in{i}]")) + ";\n");
            for (var s = 0; s < Deck.Count; s++)
            {
                var first = s * (steps + 1);
                graph.Append(CultureInfo.InvariantCulture, $"[in{s}]crop={Width}:{Height}:0:'{Height}*({first}+min({steps},floor(t/{Num(step)})))',")
                    .Append(CultureInfo.InvariantCulture, $"trim=duration={Num(slideSeconds)},setpts=PTS-STARTPTS[s{s}];\n");
            }
            var last = "s0";
            for (var s = 1; s < Deck.Count; s++)
            {
                var offset = s * (slideSeconds - fade);
                graph.Append(CultureInfo.InvariantCulture, $"[{last}][s{s}]xfade=transition=fade:duration={Num(fade)}:offset={Num(offset)}[x{s}];\n");
                last = $"x{s}";
            }
            graph.Append(CultureInfo.InvariantCulture, $"[{last}]format=yuv420p[out]");
            var script = path + ".filters";
            await File.WriteAllTextAsync(script, graph.ToString(), cancellationToken);
            await TestMedia.FfmpegAsync(cancellationToken,
                "-i", png,
                "-filter_complex_script", script, "-map", "[out]",
                "-c:v", "libx264", "-preset", "ultrafast", "-crf", "30", "-r", "10", "-t", Num(total), path);
            File.Delete(html);
            File.Delete(png);
            File.Delete(script);

            var segments = new List<Segment>();
            for (var s = 0; s < Deck.Count; s++)
            {
                var start = s * (slideSeconds - fade);
                var complete = start + steps * step;
                var fading = start + slideSeconds - fade;
                segments.Add(new Segment(Math.Round(start, 3), Math.Round(complete, 3), $"building {s + 1}"));
                segments.Add(new Segment(Math.Round(complete, 3), Math.Round(fading, 3), $"slide {s + 1}"));
                if (s + 1 < Deck.Count)
                    segments.Add(new Segment(Math.Round(fading, 3), Math.Round(fading + fade, 3), $"fade {s + 1}"));
            }
            return segments;
        });

    /// <summary>Every step of every slide, one 1280×720 box under the other.</summary>
    private static string Html()
    {
        var body = new StringBuilder();
        foreach (var (title, bullets) in Deck)
        {
            for (var shown = 0; shown <= bullets.Length; shown++)
            {
                body.Append("<section><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1><ul>");
                foreach (var bullet in bullets.Take(shown))
                    body.Append("<li>").Append(WebUtility.HtmlEncode(bullet)).Append("</li>");
                body.Append("</ul></section>\n");
            }
        }
        return $$"""
            <!doctype html><html><head><meta charset="utf-8"><style>
            body { margin: 0; background: #fff; font-family: "DejaVu Sans", sans-serif; }
            section { width: {{Width}}px; height: {{Height}}px; box-sizing: border-box; padding: 60px 90px; overflow: hidden; }
            h1 { font-size: 54px; color: #1a1a1a; margin: 0 0 30px; padding-bottom: 16px; border-bottom: 4px solid #2a62c9; }
            li { font-size: 34px; color: #333; margin: 22px 0; }
            </style></head><body>
            {{body}}
            </body></html>
            """;
    }

    private static async Task ScreenshotAsync(string html, string png, int height, CancellationToken cancellationToken)
    {
        var chromium = new[] { "chromium", "chromium-browser", "google-chrome" }
            .SelectMany(name => Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("chromium is not installed (apt-get install chromium)");
        var profile = Directory.CreateTempSubdirectory("peepshow-chromium-");
        try
        {
            var result = await Cli.Wrap(chromium)
                .WithArguments(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                    $"--user-data-dir={profile.FullName}", $"--window-size={Width},{height}", $"--screenshot={png}", new Uri(html).AbsoluteUri])
                .RunBufferedAsync(TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
            if (!File.Exists(png))
                throw new InvalidOperationException($"chromium wrote no screenshot: {result.StandardError.Trim()}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
