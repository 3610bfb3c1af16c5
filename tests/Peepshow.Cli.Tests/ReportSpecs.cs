using AngleSharp.Html.Parser;
using Peepshow.Core.Media;
using Peepshow.Core.Output;
using Peepshow.Core.Processes;
using Peepshow.Testing.Media;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

/// <summary>report.html as the real CLI writes it, read back with an HTML5 parser the way a browser would read it.</summary>
public sealed class ReportSpecs : IDisposable
{
    private const string HostileTitle = "<script>alert(1)</script>";
    private const string HostileComment = "\"><img src=x onerror=alert(2)>";
    private const string HostileFileName = "<b onmouseover=alert(3)>clip.mp4";

    private readonly CliSandbox _box = new();

    public void Dispose() => _box.Dispose();

    /// <summary>A 3 s clip with three hard cuts whose title tag, comment tag and file name are all markup.</summary>
    private async Task<string> HostileClipAsync()
    {
        var path = _box.Combine(HostileFileName);
        await TestMedia.FfmpegAsync(TestContext.Current.CancellationToken,
            "-f", "lavfi", "-i", "color=c=red:s=320x240:r=10:d=1",
            "-f", "lavfi", "-i", "color=c=blue:s=320x240:r=10:d=1",
            "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=1",
            "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]",
            "-metadata", "title=" + HostileTitle, "-metadata", "comment=" + HostileComment,
            "-c:v", "libx264", "-preset", "ultrafast", path);
        return path;
    }

    [Fact(Timeout = 300_000)]
    public async Task A_report_shows_markup_from_the_video_and_its_name_as_text_with_every_frame_and_delivery()
    {
        var clip = await HostileClipAsync();
        SinkScripts.WriteDummy(_box.SinkDir, "warehouse", new() { [DummySink.Env.Exit] = "5" });
        SinkScripts.WriteDummy(_box.SinkDir, "lake", new() { [DummySink.Env.Line] = "dummy: wrote https://lake.example.test/runs/42?a=1&b=2" });
        var folder = _box.Combine("run");

        var run = await _box.Peepshow(clip, "-o", folder, "--sink", "lake", "--sink", "warehouse", "--emit", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"), TestContext.Current.CancellationToken);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal(HostileTitle, page.QuerySelector("#title")!.TextContent);
        Assert.Equal("peepshow: " + HostileTitle, page.Title);
        Assert.Contains(HostileComment, page.QuerySelector("#video")!.TextContent);
        Assert.Contains(HostileFileName, page.QuerySelector("#video")!.TextContent);
        // The only script is the page's own, and no element carries an event handler or a foreign image.
        Assert.Single(page.Scripts);
        Assert.DoesNotContain("alert", page.Scripts[0].TextContent);
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.All(page.QuerySelectorAll("b"), b => Assert.Empty(b.Attributes));

        var frames = page.QuerySelectorAll("#frames figure");
        var payloadFrames = Directory.EnumerateFiles(folder, "frame_*.jpg").Order().Select(Path.GetFileName).ToList();
        Assert.True(payloadFrames.Count >= 3, string.Join(", ", payloadFrames));
        Assert.Equal(payloadFrames, frames.Select(f => f.QuerySelector("img")!.GetAttribute("src")));
        Assert.All(frames, f => Assert.Matches(@"^#\d+ \d+:\d\d\.\d\d \S+", f.QuerySelector("figcaption")!.TextContent));
        Assert.Empty(page.QuerySelectorAll("[src^=http], [href^='//'], link"));

        var rows = page.QuerySelectorAll("#sinks tbody tr");
        Assert.Equal(["lake", "warehouse"], rows.Select(r => r.Children[0].TextContent));
        // The record the sink wrote: a link once SinkResult.Url is filled in, its success line until then.
        Assert.Contains("https://lake.example.test/runs/42?a=1&b=2", rows[0].Children[2].TextContent);
        Assert.Equal("ok", rows[0].Children[1].TextContent);
        Assert.Equal("failed", rows[1].Children[1].TextContent);
        var outboxId = Assert.Single(_box.Outbox.List()).Id;
        Assert.Equal($"peepshow sinks retry {outboxId}", rows[1].QuerySelector("code.retry")!.TextContent);
        Assert.Contains($"'{clip}'", page.QuerySelector("#command")!.TextContent);
        Assert.Contains("@media (prefers-color-scheme:dark)", html);
        Assert.Contains("@media (max-width:600px)", html);
    }

    [Fact(Timeout = 300_000)]
    public async Task No_report_skips_it()
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);

        var run = await _box.Peepshow(clip.Path, "-o", _box.Combine("run"), "--no-report");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(File.Exists(_box.Combine("run", "manifest.json")));
        Assert.False(File.Exists(_box.Combine("run", "report.html")));
    }

    [Fact(Timeout = 300_000)]
    public async Task The_contact_sheet_is_drawn_only_when_asked_for_and_tiles_every_frame_no_wider_than_2048_px()
    {
        var clip = _box.Combine("wide.mp4");
        await TestMedia.FfmpegAsync(TestContext.Current.CancellationToken,
            "-f", "lavfi", "-i", "testsrc2=s=640x360:r=10:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", clip);
        // Ten 640 px frames are already too wide for one 2048 px row of four: a bigger clip would only cost more to encode.
        string[] tenFrames = ["--fps", "10", "--width", "640", "--dedup", "off"];

        var plain = await _box.Peepshow([clip, "-o", _box.Combine("plain"), .. tenFrames]);
        var plainSheet = _box.Combine("plain", "contact.jpg");
        var drawnLater = File.Exists(plainSheet);
        var shown = await _box.Peepshow("runs", "show", RunId("plain"), "--emit", "sheet");
        var drawnAt = File.GetLastWriteTimeUtc(plainSheet);
        var shownAgain = await _box.Peepshow("runs", "show", RunId("plain"), "--emit", "sheet");
        var asked = await _box.Peepshow([clip, "-o", _box.Combine("asked"), .. tenFrames, "--emit", "sheet"]);

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.False(drawnLater, "a run that did not ask for the sheet drew it");
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Equal(plainSheet + "\n", shown.StandardOutput);
        // Drawn once: showing it again prints the same file without running ffmpeg again.
        Assert.Equal(shown.StandardOutput, shownAgain.StandardOutput);
        Assert.Equal(drawnAt, File.GetLastWriteTimeUtc(plainSheet));
        Assert.True(asked.ExitCode == 0, asked.ToString());
        var askedSheet = _box.Combine("asked", "contact.jpg");
        Assert.Equal(askedSheet + "\n", asked.StandardOutput);
        Assert.Equal(10, Directory.EnumerateFiles(_box.Combine("asked"), "frame_*.jpg").Count());
        // Four columns of three rows: as wide as 2048 px allows, each cell keeping the video's 16:9.
        var cell = (2048 - 5 * 4) / 4 / 2 * 2;
        int[] expected = [4 * cell + 5 * 4, 3 * (cell * 9 / 16 / 2 * 2) + 4 * 4];
        Assert.Equal(expected, await SizeAsync(askedSheet));
        Assert.Equal(expected, await SizeAsync(plainSheet));
        Assert.Empty(Directory.EnumerateFiles(_box.Combine("plain"), "*.tmp*"));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_later_run_in_the_same_folder_does_not_keep_the_earlier_runs_sheet()
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        var folder = _box.Combine("reused");

        var first = await _box.Peepshow(clip.Path, "-o", folder, "--emit", "sheet");
        var firstId = RunId("reused");
        var second = await _box.Peepshow(clip.Path, "-o", folder, "--no-report", "--emit", "json");
        var secondId = Protocol.ProtocolJson.Read(second.StandardOutput).Payload?.RunId;
        var showFirst = await _box.Peepshow("runs", "show", firstId);
        var prune = await _box.Peepshow("runs", "prune", "--keep", "1");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.False(File.Exists(Path.Combine(folder, "contact.jpg")));
        Assert.False(File.Exists(Path.Combine(folder, "report.html")));
        // The first run's record now points at the second run's files: it shows as gone, and pruning it deletes none of them.
        Assert.Equal(4, showFirst.ExitCode);
        Assert.Equal($"peepshow: run {firstId} is gone: a later run ({secondId}) reused its folder {folder}", showFirst.StderrLines[0]);
        Assert.Equal($"forgot {firstId}: {folder} now holds run {secondId}", prune.StdoutLines[0]);
        Assert.True(File.Exists(Path.Combine(folder, "manifest.json")));
        Assert.Equal(second.StandardOutput, (await _box.Peepshow("runs", "show", secondId!, "--emit", "json")).StandardOutput);
    }

    private async Task<int[]> SizeAsync(string image)
    {
        var probe = await CliWrap.Cli.Wrap(FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory).FfprobePath)
            .WithArguments(["-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", image])
            .RunBufferedAsync(cancellationToken: TestContext.Current.CancellationToken);
        return probe.StandardOutput.Trim().Split(',').Select(int.Parse).ToArray();
    }

    private string RunId(string folder) =>
        new Core.History.RunHistory(Path.Combine(_box.Home, Core.History.RunHistory.FileName)).Read().Entries
            .Last(e => e.Record.RunFolder == _box.Combine(folder)).Record.RunId;

    /// <summary>
    /// A clip whose title, comment tag, file name and transcript (from a transcriber command of the spec's own) try to
    /// close the page's elements, run script, break out of attributes and hide terminal escapes.
    /// </summary>
    private async Task<string> HostileSpeakingClipAsync()
    {
        var clip = _box.Combine(HostileName);
        await TestMedia.FfmpegAsync(TestContext.Current.CancellationToken,
            "-f", "lavfi", "-i", "testsrc2=s=640x360:r=10:d=3", "-f", "lavfi", "-i", "sine=frequency=440:duration=3",
            "-pix_fmt", "yuv420p", "-metadata", "title=" + PageTitle, "-metadata", "comment=" + PageComment,
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", clip);
        var transcript = new System.Text.Json.Nodes.JsonObject
        {
            ["text"] = string.Join(' ', Said),
            ["segments"] = new System.Text.Json.Nodes.JsonArray([.. Said.Select((text, i) =>
                (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["start"] = i * 0.9, ["end"] = i * 0.9 + 0.8, ["text"] = text })]),
        }.ToJsonString();
        var script = _box.Combine("transcriber.json");
        await File.WriteAllTextAsync(script, transcript, TestContext.Current.CancellationToken);
        _box.Process
            .WithEnvironment("PEEPSHOW_TRANSCRIBE", "custom")
            .WithEnvironment("PEEPSHOW_TRANSCRIBE_CMD", $"cat > /dev/null; cat '{script}'");
        return clip;
    }

    private const string PageTitle = "<script>document.title='pwned'</script>\u001b[31mred";

    private const string PageComment = "<img src=x onerror=\"document.body.setAttribute('data-pwned','tag')\">";

    private const string HostileName = "a \"quoted\" 'name' <svg onload=alert(4)> clip.mp4";

    private static readonly string[] Said =
    [
        "</textarea><script>document.body.setAttribute('data-pwned','transcript')</script>",
        "she said \"hi\" & 'bye' <b>bold</b>",
        "bell\u0007 escape\u001b[2J right-to-left\u202eexe.txt",
    ];

    [Fact(Timeout = 300_000)]
    public async Task Headless_chromium_shows_hostile_titles_tags_file_names_and_transcripts_as_text_and_runs_none_of_them()
    {
        var clip = await HostileSpeakingClipAsync();
        var run = await _box.Peepshow(clip, "-o", _box.Combine("run"));
        Assert.True(run.ExitCode == 0, run.ToString());
        var list = await _box.Peepshow("runs", "list");

        var dom = new HtmlParser().ParseDocument(await new HeadlessChromium(_box.Combine("chromium"))
            .DumpDomAsync(_box.Combine("run", "report.html"), cancellationToken: TestContext.Current.CancellationToken));

        // What ran is only the page's own script: nothing the video or its name carried.
        Assert.Equal("peepshow: " + VisibleText.Escape(PageTitle), dom.Title);
        Assert.Equal(VisibleText.Escape(PageTitle), dom.QuerySelector("#title")!.TextContent);
        Assert.False(dom.Body!.HasAttribute("data-pwned"), dom.Body.GetAttribute("data-pwned"));
        Assert.Single(dom.Scripts);
        Assert.Empty(dom.QuerySelectorAll("svg, textarea, img[src=x]"));
        Assert.All(dom.QuerySelectorAll("b"), b => Assert.Equal("FIGCAPTION", b.ParentElement!.TagName));
        Assert.Contains(PageComment, dom.QuerySelector("#video")!.TextContent);
        Assert.Contains(HostileName, dom.QuerySelector("#video")!.TextContent);
        // The command as a shell would take it back: single-quoted, its own quotes closed and escaped.
        Assert.Contains("'" + clip.Replace("'", "'\\''", StringComparison.Ordinal) + "'", dom.QuerySelector("#command")!.TextContent);
        // Each line said shows as its text, control and bidi characters as visible \uXXXX.
        var lines = dom.QuerySelectorAll("#transcript p").Select(p => p.TextContent).ToList();
        Assert.Equal(Said.Length, lines.Count);
        for (var i = 0; i < Said.Length; i++)
            Assert.EndsWith(" " + VisibleText.Escape(Said[i]), lines[i]);
        Assert.Contains("\\u001b[2J", lines[2]);
        Assert.Contains("\\u202e", lines[2]);
        Assert.DoesNotContain(dom.All, e => e.TextContent.Contains('\u001b') || e.TextContent.Contains('\u202e'));
        // The terminal gets the same treatment.
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(VisibleText.Escape(PageTitle), list.StandardOutput);
        Assert.DoesNotContain('\u001b', list.StandardOutput);
    }

    [Fact(Timeout = 300_000)]
    public async Task At_phone_width_the_report_fits_without_sideways_scrolling_and_in_dark_mode_it_turns_dark()
    {
        var clip = await HostileSpeakingClipAsync();
        var run = await _box.Peepshow(clip, "-o", _box.Combine("run"), "--fps", "4", "--dedup", "off");
        Assert.True(run.ExitCode == 0, run.ToString());
        var phone = PhoneFrame();
        var chromium = new HeadlessChromium(_box.Combine("chromium"));
        var ct = TestContext.Current.CancellationToken;

        var light = Probe(await chromium.DumpDomAndScreenshotAsync(phone, _box.Combine("light.png"), cancellationToken: ct));
        var dark = Probe(await chromium.DumpDomAndScreenshotAsync(phone, _box.Combine("dark.png"), dark: true, ct));
        CopyScreenshots("light.png", "dark.png");

        foreach (var page in new[] { light, dark })
        {
            Assert.Equal(390, page.GetProperty("viewport").GetInt32());
            // Nothing wider than the screen: not the long file name, the command, the deliveries or the frames.
            Assert.True(page.GetProperty("scrollWidth").GetInt32() <= page.GetProperty("clientWidth").GetInt32(), page.ToString());
            Assert.Equal(2, page.GetProperty("columns").GetInt32());
            Assert.Equal(Directory.EnumerateFiles(_box.Combine("run"), "frame_*.jpg").Count(), page.GetProperty("frames").GetInt32());
        }
        Assert.False(light.GetProperty("dark").GetBoolean());
        Assert.True(dark.GetProperty("dark").GetBoolean());
        Assert.Equal("rgb(255, 255, 255)", light.GetProperty("background").GetString());
        Assert.Equal("rgb(18, 19, 22)", dark.GetProperty("background").GetString());
        Assert.Equal("rgb(230, 230, 234)", dark.GetProperty("color").GetString());
        // The screenshots agree: the page's margin is white in light mode and near black in dark mode, across the phone's width.
        Assert.All(await PixelsAsync(_box.Combine("light.png"), y: 4), p => Assert.True(p is { R: > 240, G: > 240, B: > 240 }, p.ToString()));
        Assert.All(await PixelsAsync(_box.Combine("dark.png"), y: 4), p => Assert.True(p is { R: < 30, G: < 30, B: < 30 }, p.ToString()));
    }

    /// <summary>
    /// The report in a frame as wide as a phone (390 CSS px; a headless window is never narrower than 500) and as tall
    /// as the screenshot, so it shows the whole page down to the command that made the run. The framed copy differs
    /// from report.html only by a script at its end that measures the laid-out page and posts the numbers to the
    /// frame's parent, which puts them into its DOM for <c>--dump-dom</c>; its policy line is left out so that script
    /// may run. One Chromium start dumps that DOM and takes the screenshot.
    /// </summary>
    private string PhoneFrame()
    {
        var report = File.ReadAllText(_box.Combine("run", "report.html"));
        var policy = report.IndexOf("<meta http-equiv=\"Content-Security-Policy\"", StringComparison.Ordinal);
        Assert.True(policy > 0, "report.html has no Content-Security-Policy");
        var measured = report.Remove(policy, report.IndexOf('\n', policy) - policy + 1).Replace("</body>", """
            <script>var d=document.documentElement,b=getComputedStyle(document.body),f=[].slice.call(document.querySelectorAll('.frame'));
            parent.postMessage(JSON.stringify({viewport:innerWidth,scrollWidth:d.scrollWidth,clientWidth:d.clientWidth,
            dark:matchMedia('(prefers-color-scheme: dark)').matches,background:b.backgroundColor,color:b.color,frames:f.length,
            columns:new Set(f.map(function(x){return x.offsetLeft;})).size}),'*');</script>
            </body>
            """, StringComparison.Ordinal);
        File.WriteAllText(_box.Combine("run", "measured.html"), measured);
        const string frame = """<iframe src="{0}" width="390" height="{1}" style="border:0;display:block"></iframe>""";
        File.WriteAllText(_box.Combine("run", "phone.html"), "<!DOCTYPE html><html><body style=\"margin:0\">" +
            string.Format(frame, "measured.html", HeadlessChromium.ScreenshotHeight) +
            "<script>addEventListener('message',function(e){document.body.setAttribute('data-probe',e.data);});</script></body></html>");
        return _box.Combine("run", "phone.html");
    }

    private static System.Text.Json.JsonElement Probe(string dom)
    {
        var probe = new HtmlParser().ParseDocument(dom).Body!.GetAttribute("data-probe");
        Assert.False(probe is null, "the framed report posted no measurements:\n" + dom);
        return System.Text.Json.JsonDocument.Parse(probe).RootElement.Clone();
    }

    /// <summary>The pixels of row <paramref name="y"/> across the phone frame (x 0–389), decoded by ffmpeg.</summary>
    private static async Task<IReadOnlyList<(byte R, byte G, byte B)>> PixelsAsync(string png, int y)
    {
        using var raw = new MemoryStream();
        var result = await CliWrap.Cli.Wrap(FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory).FfmpegPath)
            .WithArguments(["-v", "error", "-i", png, "-vf", $"crop=390:1:0:{y}", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"])
            .WithStandardOutputPipe(CliWrap.PipeTarget.ToStream(raw))
            .RunAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess && raw.Length == 390 * 3, $"ffmpeg could not read {png}");
        var bytes = raw.ToArray();
        return [.. Enumerable.Range(0, 390).Select(x => (bytes[3 * x], bytes[3 * x + 1], bytes[3 * x + 2]))];
    }

    /// <summary>PEEPSHOW_SPEC_SCREENSHOTS=&lt;folder&gt; keeps the screenshots for a person to look at.</summary>
    private void CopyScreenshots(params string[] names)
    {
        if (Environment.GetEnvironmentVariable("PEEPSHOW_SPEC_SCREENSHOTS") is not { Length: > 0 } keep)
            return;
        Directory.CreateDirectory(keep);
        foreach (var name in names)
            File.Copy(_box.Combine(name), Path.Combine(keep, "report-phone-" + name), overwrite: true);
    }
}
