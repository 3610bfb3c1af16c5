using Peepshow.Core.Media;
using Peepshow.Core.Processes;
using Peepshow.Protocol;
using Peepshow.Testing.Http;
using Peepshow.Testing.Media;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

/// <summary>The URL of a web page as the input: the real peepshow, the real yt-dlp, a site on 127.0.0.1.</summary>
public sealed class PageUrlSpecs
{
    [Fact(Timeout = 180_000)]
    public async Task I_can_give_the_url_of_a_page_that_embeds_a_video()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        await using var site = await VideoPageSite.StartAsync(_ => VideoPageSite.VideoElementPage("Launch review: Q3", ("cuts.mp4", 360)),
            new Dictionary<string, string> { ["cuts.mp4"] = clip.Path }, cancellationToken: TestContext.Current.CancellationToken);
        using var peepshow = Sandbox();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, site.PageUrl, "--emit", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var payload = ProtocolJson.Read(result.StandardOutput).Payload!;
        Assert.Equal(7, payload.Frames.Count);
        Assert.Equal(Enumerable.Range(0, 7), clip.SegmentsOf(payload.Frames.Select(f => f.TimestampSeconds)));
        Assert.Equal(("url", site.PageUrl, "mp4"), (payload.Input!.Kind, payload.Input.Url, payload.Input.Extension));
        Assert.Equal("Launch review: Q3", payload.Video!.Tags!["title"]);
        Assert.Equal(site.PageUrl, payload.Video.Tags["page_url"]);
        Assert.False(payload.Video.Tags.ContainsKey("uploader"));
        Assert.Equal(new FileInfo(clip.Path).Length, new FileInfo(Path.Combine(payload.OutputDir, "input.mp4")).Length);
        Assert.False(Directory.Exists(Path.Combine(payload.OutputDir, ".yt-dlp")));
        Directory.Delete(payload.OutputDir, recursive: true);
    }

    [Fact(Timeout = 180_000)]
    public async Task PEEPSHOW_YTDLP_ARGS_reach_yt_dlp_a_format_choice_changes_which_video_is_watched()
    {
        var large = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        var small = await SmallClipAsync(TestContext.Current.CancellationToken);
        await using var site = await VideoPageSite.StartAsync(_ => VideoPageSite.VideoElementPage("Two sizes", ("small.mp4", 180), ("large.mp4", 360)),
            new Dictionary<string, string> { ["small.mp4"] = small.Path, ["large.mp4"] = large.Path }, cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Sandbox();

        // Which video was downloaded is the spec, not the frames: each run looks at its first two seconds.
        var byDefault = await peepshow.RunAsync(TestContext.Current.CancellationToken, site.PageUrl, "--emit", "json", "--end", "2", "-o", dir.Combine("default"));
        var chosen = await peepshow.WithEnvironment("PEEPSHOW_YTDLP_ARGS", $"--format \"b[height<=180]\" --proxy '' {Extractors}")
            .RunAsync(TestContext.Current.CancellationToken, site.PageUrl, "--emit", "json", "--end", "2", "-o", dir.Combine("chosen"));

        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        Assert.Equal(360, ProtocolJson.Read(byDefault.StandardOutput).Payload!.Video!.Height);
        Assert.Equal(180, ProtocolJson.Read(chosen.StandardOutput).Payload!.Video!.Height);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_page_without_a_video_is_exit_4_with_one_line()
    {
        await using var site = await VideoPageSite.StartAsync(_ => "<!doctype html><html><head><title>About us</title></head><body><p>No video here.</p></body></html>",
            new Dictionary<string, string>(), cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Sandbox();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, site.PageUrl, "-o", dir.Combine("run"));

        Assert.Equal(4, result.ExitCode);
        Assert.Equal($"peepshow: no video found on {site.PageUrl}: yt-dlp recognises no player or <video> on the page", Assert.Single(result.StderrLines));
        Assert.Empty(result.StandardOutput);
        Assert.False(Directory.Exists(dir.Combine("run")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Without_yt_dlp_a_page_url_is_exit_4_with_the_install_command_in_one_line()
    {
        await using var site = await VideoPageSite.StartAsync(_ => VideoPageSite.VideoElementPage("Launch", ("cuts.mp4", 360)),
            new Dictionary<string, string>(), cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = Sandbox()
            .WithEnvironment("PATH", Directory.CreateDirectory(dir.Combine("bin")).FullName)
            .WithEnvironment("PEEPSHOW_FFMPEG", FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory).FfmpegPath);

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, site.PageUrl + "?session=abc123", "-o", dir.Combine("run"));

        Assert.Equal(4, result.ExitCode);
        Assert.Equal($"peepshow: {site.PageUrl}?session=*** is a web page, not a video file; downloading its video needs yt-dlp, which is not installed: apt install yt-dlp, or pipx install yt-dlp",
            Assert.Single(result.StderrLines));
        Assert.False(Directory.Exists(dir.Combine("run")));
    }

    /// <summary>
    /// The run's own sandbox, no proxy (yt-dlp would send the spec's requests through one), and yt-dlp told which
    /// extractors the site's pages are for (<see cref="VideoPageSite.YtDlpExtractorArguments"/>).
    /// </summary>
    private static PeepshowProcess Sandbox()
    {
        var peepshow = new PeepshowProcess();
        foreach (var name in new[] { "http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY" })
            peepshow.WithEnvironment(name, null);
        return peepshow.WithEnvironment("PEEPSHOW_YTDLP_ARGS", Extractors);
    }

    private static readonly string Extractors = string.Join(' ', VideoPageSite.YtDlpExtractorArguments);

    /// <summary>3 s of a test card at 320×180: the small format of a page that offers two.</summary>
    private static Task<GeneratedClip> SmallClipAsync(CancellationToken cancellationToken) =>
        TestMedia.GetAsync("page-small.mp4", async path =>
        {
            await TestMedia.FfmpegAsync(cancellationToken, "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=3", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", path);
            return [new Segment(0, 3, "small")];
        });
}
