using AngleSharp.Html.Parser;
using Peepshow.Core.Media;
using Peepshow.Core.Processes;
using Peepshow.Testing;
using Peepshow.Testing.Media;

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
    public async Task Emit_sheet_prints_the_path_of_one_image_with_every_frame_no_wider_than_2048_px()
    {
        var clip = _box.Combine("wide.mp4");
        await TestMedia.FfmpegAsync(TestContext.Current.CancellationToken,
            "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=10:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", clip);

        var run = await _box.Peepshow(clip, "-o", _box.Combine("run"), "--fps", "10", "--width", "1920", "--dedup", "off", "--emit", "sheet");
        var again = await _box.Peepshow("runs", "show", RunId(), "--emit", "sheet");

        Assert.True(run.ExitCode == 0, run.ToString());
        var sheet = _box.Combine("run", "contact.jpg");
        Assert.Equal(sheet + "\n", run.StandardOutput);
        Assert.Equal(run.StandardOutput, again.StandardOutput);
        var frames = Directory.EnumerateFiles(_box.Combine("run"), "frame_*.jpg").Count();
        Assert.Equal(10, frames);
        var probe = await CliWrap.Cli.Wrap(FfmpegLocator.Locate().FfprobePath)
            .WithArguments(["-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", sheet])
            .RunBufferedAsync(cancellationToken: TestContext.Current.CancellationToken);
        var size = probe.StandardOutput.Trim().Split(',').Select(int.Parse).ToArray();
        // Four columns of three rows: as wide as 2048 px allows, each cell keeping the video's 16:9.
        var cell = (2048 - 5 * 4) / 4 / 2 * 2;
        Assert.Equal([4 * cell + 5 * 4, 3 * (cell * 9 / 16 / 2 * 2) + 4 * 4], size);
    }

    private string RunId() =>
        new Core.History.RunHistory(Path.Combine(_box.Home, Core.History.RunHistory.FileName)).Read().Entries.Single().Record.RunId;

    [Fact(Timeout = 300_000)]
    public async Task Headless_chromium_renders_the_report_without_running_anything_from_the_video()
    {
        var clip = _box.Combine("hostile.mp4");
        await TestMedia.FfmpegAsync(TestContext.Current.CancellationToken,
            "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=2", "-pix_fmt", "yuv420p",
            "-metadata", "title=<script>document.title='pwned'</script>",
            "-metadata", "comment=<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
            "-c:v", "libx264", "-preset", "ultrafast", clip);
        var run = await _box.Peepshow(clip, "-o", _box.Combine("run"));
        Assert.True(run.ExitCode == 0, run.ToString());

        var chromium = await CliWrap.Cli.Wrap("chromium")
            .WithArguments(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + _box.Combine("profile"),
                "--dump-dom", new Uri(_box.Combine("run", "report.html")).AbsoluteUri])
            .RunBufferedAsync(TimeSpan.FromMinutes(2), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(chromium.ExitCode == 0, chromium.StandardError);
        var dom = new HtmlParser().ParseDocument(chromium.StandardOutput);
        Assert.Equal("<script>document.title='pwned'</script>", dom.QuerySelector("#title")!.TextContent);
        Assert.Equal("peepshow: <script>document.title='pwned'</script>", dom.Title);
        Assert.False(dom.Body!.HasAttribute("data-pwned"));
        Assert.Equal(Directory.EnumerateFiles(_box.Combine("run"), "frame_*.jpg").Count(), dom.QuerySelectorAll("#frames figure").Length);
    }
}
