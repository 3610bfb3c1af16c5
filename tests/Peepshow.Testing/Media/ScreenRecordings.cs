using System.Globalization;

namespace Peepshow.Testing.Media;

/// <summary>
/// Screen-recording-like clips drawn with ffmpeg's drawtext and drawbox (nothing committed): text typed word by
/// word, slides that reveal bullets, a terminal whose output scrolls, an idle prompt with a blinking cursor, an
/// editor caret wandering over text, a camera filming a slide deck. 1280×720, 10 fps (the terminal 30), H.264 at CRF 28 so compression
/// noise sits on the text edges as it does in real recordings. Segment labels start with what the specs look for ("page", "slide",
/// "pause", "scrolling").
/// </summary>
public static class ScreenRecordings
{
    private const string Mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

    /// <summary>Advance of DejaVu Sans Mono: 0.602 em.</summary>
    private const double MonoAdvance = 0.602;

    /// <summary>The three pages of <see cref="TypingAsync"/>, eight words each.</summary>
    public static IReadOnlyList<string[]> TypedPages { get; } =
    [
        ["the", "quarterly", "numbers", "look", "better", "than", "last", "year"],
        ["we", "shipped", "search", "and", "sharing", "to", "every", "customer"],
        ["next", "we", "hire", "two", "engineers", "for", "the", "platform"],
    ];

    /// <summary>
    /// An editor being typed into: three pages, one word every 0.4 s (two lines of four words), a solid caret
    /// after the text while typing, then each page held 2 s with the caret blinking before it is cleared for
    /// the next. Segments: "typing N" while a page fills, "page N" while it is complete.
    /// </summary>
    public static Task<GeneratedClip> TypingAsync(CancellationToken cancellationToken = default) =>
        TestMedia.GetAsync("typing.mp4", async path =>
        {
            const int size = 40, x0 = 80, y0 = 120, lineHeight = 64;
            var advance = MonoAdvance * size;
            var filters = new List<string>();
            var segments = new List<Segment>();
            for (var p = 0; p < TypedPages.Count; p++)
            {
                var start = Math.Round(p * 5.2, 3);
                var complete = Math.Round(start + 0.4 * TypedPages[p].Length, 3);
                var end = complete + 2;
                var column = 0;
                for (var k = 0; k < TypedPages[p].Length; k++)
                {
                    var word = TypedPages[p][k];
                    var line = k / 4;
                    if (k % 4 == 0)
                        column = 0;
                    var shown = Math.Round(start + 0.4 * (k + 1), 3);
                    var x = x0 + (int)Math.Round(column * advance);
                    var y = y0 + line * lineHeight;
                    filters.Add(Text(Mono, word, size, $"{x}", $"{y}", "0xD4D4D4", $"gte(t,{Num(shown)})*lt(t,{Num(end)})"));
                    column += word.Length + 1;
                    // The caret sits after the word and its space: solid until the next word, then blinking.
                    var caretX = x0 + (int)Math.Round(column * advance);
                    var until = k + 1 < TypedPages[p].Length ? Math.Round(shown + 0.4, 3) : end;
                    var blink = k + 1 < TypedPages[p].Length ? "" : $"*lt(mod(t-{Num(shown)},1.2),0.6)";
                    filters.Add(Caret(caretX, y - 4, 3, size + 8, "0xAEAFAD", $"gte(t,{Num(shown)})*lt(t,{Num(until)}){blink}"));
                }
                segments.Add(new Segment(start, complete, $"typing {p + 1}"));
                segments.Add(new Segment(complete, end, $"page {p + 1}"));
            }
            await RenderAsync(path, "0x1E1E1E", segments[^1].End, filters, cancellationToken);
            return segments;
        });

    /// <summary>
    /// A deck of six slides, each a title that then reveals four bullets one at a time (every 0.6 s), held
    /// 1.6 s once complete. Segments: "building N" while bullets appear, "slide N" while it is complete.
    /// </summary>
    public static Task<GeneratedClip> BulletDeckAsync(CancellationToken cancellationToken = default) =>
        TestMedia.GetAsync("bullet-deck.mp4", async path =>
        {
            var font = TestMedia.FontFile();
            string[] topics = ["Revenue", "Customers", "Hiring", "Platform", "Risks", "Next steps"];
            string[] facts = ["grew in every region", "costs stayed flat", "two teams were formed", "the backlog shrank"];
            var filters = new List<string>();
            var segments = new List<Segment>();
            for (var s = 0; s < topics.Length; s++)
            {
                var start = s * 4.0;
                var complete = start + 2.4;
                var end = start + 4.0;
                var on = $"gte(t,{Num(start)})*lt(t,{Num(end)})";
                filters.Add(Text(font, $"{s + 1}. {topics[s]}", 56, "90", "70", "0x202020", on));
                filters.Add(Caret(90, 150, 1100, 4, "0x3060C0", on));
                for (var b = 0; b < 4; b++)
                {
                    var shown = Math.Round(start + 0.6 * (b + 1), 3);
                    var enable = $"gte(t,{Num(shown)})*lt(t,{Num(end)})";
                    var y = 210 + b * 90;
                    filters.Add(Caret(110, y + 12, 14, 14, "0x3060C0", enable));
                    filters.Add(Text(font, $"{topics[s]} {facts[(s + b) % facts.Length]}", 38, "150", $"{y}", "0x303030", enable));
                }
                segments.Add(new Segment(start, complete, $"building {s + 1}"));
                segments.Add(new Segment(complete, end, $"slide {s + 1}"));
            }
            await RenderAsync(path, "0xFAFAFA", segments[^1].End, filters, cancellationToken);
            return segments;
        });

    /// <summary>
    /// A terminal: a prompt, then a build printing 60 lines at 12.5 lines a second (the screen fills, then
    /// scrolls), a new prompt held 3 s with its cursor blinking, a second command printing 40 lines that
    /// scroll, and a last prompt held 3 s. Segments: "prompt", "filling", "scrolling 1", "pause 1",
    /// "scrolling 2", "pause 2".
    /// </summary>
    public static Task<GeneratedClip> TerminalScrollAsync(CancellationToken cancellationToken = default) =>
        TestMedia.GetAsync("terminal-scroll.mp4", async path =>
        {
            const int size = 20, lineHeight = 24, top = 12, visible = 29;
            const double interval = 0.08;
            var lines = new List<(double Shown, string Text)> { (0, "dev@box ~/src $ make all") };
            for (var i = 0; i < 60; i++)
                lines.Add((Math.Round(1.5 + i * interval, 3), i % 3 == 2 ? $"  LD    build/stage{i / 3:00}.bin" : $"  CC    src/module{i:00}/parser{i % 7}.c"));
            var pause1 = Math.Round(1.5 + 60 * interval, 3);
            lines.Add((pause1, "dev@box ~/src $ make test"));
            var burst2 = pause1 + 3;
            for (var i = 0; i < 40; i++)
                lines.Add((Math.Round(burst2 + i * interval, 3), $"  test {i:00} checks the {(i % 2 == 0 ? "reader" : "writer")} of block {i * 7} ok"));
            var pause2 = Math.Round(burst2 + 40 * interval, 3);
            lines.Add((pause2, "dev@box ~/src $"));
            var end = pause2 + 3;

            // Lines shown at time t (the prompts, then each burst in closed form), and how far the screen has
            // scrolled: max(0, shown − visible).
            var shown = $"gte(t,0)+clip(floor((t-1.5)/{Num(interval)})+1,0,60)+gte(t,{Num(pause1)})" +
                $"+clip(floor((t-{Num(burst2)})/{Num(interval)})+1,0,40)+gte(t,{Num(pause2)})";
            var scroll = $"max(0,{shown}-{visible})";
            var filters = new List<string>();
            for (var i = 0; i < lines.Count; i++)
            {
                var row = $"({i}-{scroll})";
                filters.Add(Text(Mono, lines[i].Text, size, "16", $"{top}+{row}*{lineHeight}",
                    lines[i].Text.StartsWith("dev@", StringComparison.Ordinal) ? "0x8AE234" : "0xC8C8C8",
                    $"gte(t,{Num(lines[i].Shown)})*gte({i}-{scroll},0)"));
            }
            // The block cursor after each prompt, blinking while the prompt waits.
            var cursorX = 16 + (int)Math.Round("dev@box ~/src $ ".Length * MonoAdvance * size);
            filters.Add(Caret(cursorX + (int)Math.Round("make all".Length * MonoAdvance * size), top + 0 * lineHeight, 12, lineHeight - 2, "0xC8C8C8", "lt(t,1.5)*lt(mod(t,1.2),0.6)"));
            filters.Add(Caret(cursorX, top + (visible - 1) * lineHeight, 12, lineHeight - 2, "0xC8C8C8", $"gte(t,{Num(pause1 + 0.5)})*lt(t,{Num(burst2)})*lt(mod(t,1.2),0.6)"));
            filters.Add(Caret(cursorX, top + (visible - 1) * lineHeight, 12, lineHeight - 2, "0xC8C8C8", $"gte(t,{Num(pause2)})*lt(mod(t,1.2),0.6)"));
            // veryfast, not ultrafast: which frame of the last pause is kept depends on veryfast's picture (ultrafast
            // keeps 12.5 s instead of 12.533 s); -tune fastdecode still makes it 1.5 times cheaper to decode.
            // 30 fps, not 10: the selection keeps the least-moving frame of a pause, and at 10 fps that frame (12.533 s) is not there.
            await RenderAsync(path, "0x101010", end, filters, cancellationToken, fps: 30, preset: "veryfast", tune: "fastdecode");

            var fullAt = lines[visible].Shown;
            return
            [
                new Segment(0, 1.5, "prompt"), new Segment(1.5, fullAt, "filling"), new Segment(fullAt, pause1, "scrolling 1"),
                new Segment(pause1, burst2, "pause 1"), new Segment(burst2, pause2, "scrolling 2"), new Segment(pause2, end, "pause 2"),
            ];
        });

    /// <summary>10 s of an idle terminal: some earlier output and a prompt whose block cursor blinks 1.2 s on, 1.2 s off.</summary>
    public static Task<GeneratedClip> BlinkingPromptAsync(CancellationToken cancellationToken = default) =>
        TestMedia.GetAsync("blinking-prompt.mp4", async path =>
        {
            const int size = 20, lineHeight = 24;
            string[] lines = ["dev@box ~/src $ git status", "On branch main", "nothing to commit, working tree clean", "dev@box ~/src $ "];
            var filters = lines.Select((l, i) => Text(Mono, l.Replace(",", "", StringComparison.Ordinal), size, "16", $"{12 + i * lineHeight}", "0xC8C8C8", null)).ToList();
            var cursorX = 16 + (int)Math.Round(lines[^1].Length * MonoAdvance * size);
            filters.Add(Caret(cursorX, 12 + 3 * lineHeight, 12, lineHeight - 2, "0xC8C8C8", "lt(mod(t,2.4),1.2)"));
            await RenderAsync(path, "0x101010", 10, filters, cancellationToken);
            return [new Segment(0, 10, "prompt")];
        });

    /// <summary>
    /// 10 s of an editor showing the same code while the caret moves: along a line a character every 0.12 s,
    /// pausing (and blinking), jumping down lines, pausing again. Nothing but the caret ever changes.
    /// </summary>
    public static Task<GeneratedClip> EditorCaretAsync(CancellationToken cancellationToken = default) =>
        TestMedia.GetAsync("editor-caret.mp4", async path =>
        {
            const int size = 24, lineHeight = 34, x0 = 70, y0 = 40;
            var advance = MonoAdvance * size;
            string[] code =
            [
                "public static int Sum(int[] values)", "{", "    var total = 0;", "    foreach (var v in values)",
                "        total += v;", "    return total;", "}", "", "public static int Max(int[] values)", "{",
                "    var best = values[0];", "    foreach (var v in values)", "        best = Math.Max(best, v);", "    return best;", "}",
            ];
            var filters = code.Select((l, i) => Text(Mono, l, size, $"{x0}", $"{y0 + i * lineHeight}", "0x383A42", null)).ToList();
            for (var i = 0; i < code.Length; i++)
                filters.Add(Text(Mono, $"{i + 1}", size, "14", $"{y0 + i * lineHeight}", "0x9D9D9F", null));
            // (time, line, column) stops of the caret; between two stops it stays put, blinking when it waits long.
            var stops = new List<(double Time, int Line, int Column)>();
            var t = 0.0;
            for (var c = 4; c <= 22; c++, t += 0.12)
                stops.Add((t, 2, c));
            t += 1.5;
            for (var line = 3; line <= 8; line++, t += 0.3)
                stops.Add((t, line, 8));
            t += 2;
            for (var c = 8; c <= 30; c++, t += 0.12)
                stops.Add((t, 12, c));
            for (var i = 0; i < stops.Count; i++)
            {
                var (from, line, column) = stops[i];
                var until = i + 1 < stops.Count ? stops[i + 1].Time : 10;
                var blink = until - from > 1 ? $"*lt(mod(t-{Num(from)},1.0),0.5)" : "";
                filters.Add(Caret(x0 + (int)Math.Round(column * advance) - 1, y0 + line * lineHeight - 4, 3, lineHeight - 2, "0x526FFF",
                    $"gte(t,{Num(from)})*lt(t,{Num(until)}){blink}"));
            }
            await RenderAsync(path, "0xFAFAFA", 10, filters, cancellationToken);
            return [new Segment(0, 10, "editor")];
        });

    /// <summary>
    /// A camera filming a projected deck: four slides (a title and three lines), the first held 7 s, the others
    /// 4 s, switched without transition. The camera adds what real footage of a screen has: a soft focus, sensor
    /// noise that changes every frame, a few pixels of shake and an auto-exposure that drifts and flickers.
    /// Segments: "slide N" while slide N is shown, "switch N" for the first 0.3 s after the switch to it.
    /// 10 fps, the analysis's own sampling rate, so every frame is one the selection sees with noise of its own;
    /// encoded with x264's ultrafast preset, which keeps more of the noise than the others (no deblocking, no
    /// B-frames) for less than a third of veryfast's CPU: noise is what an encoder spends the most on.
    /// </summary>
    public static Task<GeneratedClip> FilmedSlidesAsync(CancellationToken cancellationToken = default) =>
        TestMedia.GetAsync("filmed-slides.mp4", async path =>
        {
            var font = TestMedia.FontFile();
            string[] titles = ["Roadmap 2027", "What customers asked for", "What we will build", "How we measure it"];
            string[] lines = ["faster search across every project", "sharing with people outside the team", "an offline mode for travel"];
            var filters = new List<string>();
            var segments = new List<Segment>();
            var start = 0.0;
            for (var s = 0; s < titles.Length; s++)
            {
                var end = start + (s == 0 ? 7 : 4);
                var on = $"gte(t,{Num(start)})*lt(t,{Num(end)})";
                filters.Add(Text(font, titles[s], 64, "110", "90", "0x1D3557", on));
                for (var l = 0; l < lines.Length; l++)
                    filters.Add(Text(font, $"{s + 1}.{l + 1} {lines[(s + l) % lines.Length]}", 42, "130", $"{260 + l * 95}", "0x333333", on));
                if (s > 0)
                    segments.Add(new Segment(start, start + 0.3, $"switch {s + 1}"));
                segments.Add(new Segment(s > 0 ? start + 0.3 : start, end, $"slide {s + 1}"));
                start = end;
            }
            // The camera: slightly zoomed so the shake never shows an edge, shaken by up to 5 px, exposure
            // drifting over 4 s and flickering at 3 Hz, a soft focus, then noise new in every frame.
            filters.Add("scale=1312:738");
            filters.Add("crop=1280:720:x='16+3*sin(2*PI*0.7*t)+2*sin(2*PI*1.9*t)':y='9+2*sin(2*PI*0.5*t)+1.5*sin(2*PI*2.3*t)'");
            filters.Add("eq=brightness='0.04*sin(2*PI*0.25*t)+0.012*sin(2*PI*3*t)':eval=frame");
            filters.Add("gblur=sigma=0.8");
            filters.Add("noise=alls=20:allf=t");
            await RenderAsync(path, "0xE8E4DA", start, filters, cancellationToken);
            return segments;
        });

    /// <summary>A filled rectangle (a caret, a cursor block, a bullet, a rule) shown while <paramref name="enable"/> holds.</summary>
    private static string Caret(int x, int y, int width, int height, string color, string enable) =>
        $"drawbox=x={x}:y={y}:w={width}:h={height}:color={color}:t=fill:enable='{enable}'";

    /// <summary>drawtext with quoted positions, which may be expressions of t (commas and all).</summary>
    private static string Text(string font, string text, int size, string x, string y, string color, string? enable) =>
        $"drawtext=fontfile='{font}':text='{text}':fontsize={size}:fontcolor={color}:x='{x}':y='{y}'" + (enable is null ? "" : $":enable='{enable}'");

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Draws <paramref name="filters"/> on a plain background; the graph goes through a filter script, as it is
    /// longer than a command line should be. CRF 28, 10 fps and x264's ultrafast preset (no B-frames, no deblocking)
    /// unless a clip says otherwise: every analysis in the specs decodes the clip again, ultrafast makes these
    /// screens about 1.7 times cheaper to encode and to decode than veryfast, and 10 fps is the analysis's own sampling
    /// rate (a word typed every 0.4 s or a caret moving every 0.12 s still changes the picture between two samples),
    /// a third of 30 fps's encode, with the same frames chosen.
    /// </summary>
    private static async Task RenderAsync(string path, string background, double seconds, IReadOnlyList<string> filters, CancellationToken cancellationToken,
        int fps = 10, string preset = "ultrafast", string? tune = null)
    {
        var script = path + ".filters";
        await File.WriteAllTextAsync(script, string.Join(",\n", filters.Append("format=yuv420p")), cancellationToken);
        string[] encoder = tune is null ? ["-c:v", "libx264", "-preset", preset] : ["-c:v", "libx264", "-preset", preset, "-tune", tune];
        await TestMedia.FfmpegAsync(cancellationToken,
        [
            "-f", "lavfi", "-i", $"color=c={background}:s=1280x720:r={fps}:d={seconds.ToString("0.###", CultureInfo.InvariantCulture)}",
            "-filter_script:v", script, .. encoder, "-crf", "28", path,
        ]);
        File.Delete(script);
    }
}
