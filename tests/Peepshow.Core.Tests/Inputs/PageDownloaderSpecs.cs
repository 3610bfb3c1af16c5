using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Peepshow.Core.Inputs;
using Peepshow.Core.Processes;
using Peepshow.Core.Runs;
using Peepshow.Testing.Http;
using Peepshow.Testing.Media;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Inputs;

/// <summary>Page URLs through the real yt-dlp (its generic extractor) against pages served on 127.0.0.1.</summary>
public sealed class PageDownloaderSpecs
{
    private static readonly InputLimits Limits = new() { Timeout = TimeSpan.FromSeconds(10), MaxBytes = 64L * 1024 * 1024 };

    // yt-dlp honours proxy variables; a spec's requests go to 127.0.0.1 and nowhere else.
    private static YtDlp InstalledYtDlp() =>
        new(YtDlp.Find(EnvironmentVariables.Process.Get, Environment.CurrentDirectory) ?? throw new InvalidOperationException("the specs need yt-dlp: ./build.sh test installs it (apt-get install yt-dlp)"),
            ["--proxy", "", .. VideoPageSite.YtDlpExtractorArguments]);

    private static InputResolver Resolver(RecordingProgress? progress = null, InputLimits? limits = null, YtDlp? ytDlp = null) =>
        new(limits ?? Limits, pages: new PageDownloader(ytDlp ?? InstalledYtDlp(), limits ?? Limits, progress: progress));

    [Fact(Timeout = 60_000)]
    public async Task A_page_with_a_video_element_is_downloaded_with_yt_dlp_and_tagged_with_its_title_and_address()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        await using var site = await VideoPageSite.StartAsync(_ => VideoPageSite.VideoElementPage("Launch review: Q3", ("cuts.mp4", 360)),
            new Dictionary<string, string> { ["cuts.mp4"] = clip.Path }, cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var progress = new RecordingProgress();

        var input = await Resolver(progress).ResolveAsync(site.PageUrl, dir.Path, StdinSource.None, TestContext.Current.CancellationToken);

        Assert.Equal(dir.Combine("input.mp4"), input.LocalPath);
        Assert.Equal(await File.ReadAllBytesAsync(clip.Path, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(input.LocalPath, TestContext.Current.CancellationToken));
        Assert.Equal(("url", site.PageUrl, "mp4"), (input.Info.Kind, input.Info.Url, input.Info.Extension));
        Assert.Equal(new Dictionary<string, string> { ["title"] = "Launch review: Q3", ["page_url"] = site.PageUrl }, input.Tags);
        Assert.Equal(["input.mp4"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
        var size = new FileInfo(clip.Path).Length;
        Assert.Equal(("downloading", (double?)size), progress.Stages.Single());
        Assert.Equal(size, progress.Reports[^1]);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_uploader_comes_from_what_the_site_says_about_its_video()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        await using var site = await VideoPageSite.StartAsync(baseUrl => VideoPageSite.VideoObjectPage(baseUrl, "Launch review", "Zoë Ångström", "cuts.mp4"),
            new Dictionary<string, string> { ["cuts.mp4"] = clip.Path }, cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var input = await Resolver().ResolveAsync(site.PageUrl, dir.Path, StdinSource.None, TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<string, string> { ["title"] = "Launch review", ["uploader"] = "Zoë Ångström", ["page_url"] = site.PageUrl }, input.Tags);
        Assert.True(File.Exists(dir.Combine("input.mp4")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_page_labelled_as_octet_stream_is_still_recognised_as_a_page_by_its_first_bytes()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        await using var site = await VideoPageSite.StartAsync(_ => VideoPageSite.VideoElementPage("Mislabelled", ("cuts.mp4", 360)),
            new Dictionary<string, string> { ["cuts.mp4"] = clip.Path }, pageContentType: "application/octet-stream", cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var input = await Resolver().ResolveAsync(site.PageUrl, dir.Path, StdinSource.None, TestContext.Current.CancellationToken);

        Assert.Equal("Mislabelled", input.Tags["title"]);
        Assert.Equal(dir.Combine("input.mp4"), input.LocalPath);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_page_without_a_video_is_exit_4_in_one_line_and_leaves_nothing_behind()
    {
        await using var site = await VideoPageSite.StartAsync(_ => "<!doctype html><html><head><title>About us</title></head><body><p>No video here.</p></body></html>",
            new Dictionary<string, string>(), cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver().ResolveAsync(site.PageUrl, dir.Path, StdinSource.None, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.Equal($"no video found on {site.PageUrl}: yt-dlp recognises no player or <video> on the page", ex.Message);
        Assert.Null(ex.Hint);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact(Timeout = 30_000)]
    public async Task Without_yt_dlp_a_page_is_exit_4_with_the_install_command_and_credentials_masked()
    {
        await using var site = await VideoPageSite.StartAsync(_ => VideoPageSite.VideoElementPage("Launch", ("cuts.mp4", 360)),
            new Dictionary<string, string>(), cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver(ytDlp: YtDlp.None).ResolveAsync(site.PageUrl + "?token=s3cr3t", dir.Path, StdinSource.None, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.Equal($"{site.PageUrl}?token=*** is a web page, not a video file; downloading its video needs yt-dlp, which is not installed: apt install yt-dlp, or pipx install yt-dlp", ex.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_video_over_the_size_cap_is_refused_before_it_is_downloaded()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        await using var site = await VideoPageSite.StartAsync(_ => VideoPageSite.VideoElementPage("Too big", ("cuts.mp4", 360)),
            new Dictionary<string, string> { ["cuts.mp4"] = clip.Path }, cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var limits = Limits with { MaxBytes = new FileInfo(clip.Path).Length / 2 };

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            Resolver(limits: limits).ResolveAsync(site.PageUrl, dir.Path, StdinSource.None, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.StartsWith($"cannot download the video on {site.PageUrl}: larger than the ", ex.Message);
        Assert.Contains(InputLimits.MaxBytesEnv, ex.Hint);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact(Timeout = 60_000)]
    public async Task Cancelling_kills_yt_dlp_and_removes_what_it_had_downloaded()
    {
        var marker = Guid.NewGuid().ToString("N");
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet($"/{marker}", () => Results.Text($"""<!doctype html><html><head><title>Slow</title></head><body><video src="/{marker}.mp4"></video></body></html>""", "text/html"));
            app.MapGet($"/{marker}.mp4", async (HttpContext context) =>
            {
                context.Response.ContentType = "video/mp4";
                context.Response.ContentLength = 50L * 1024 * 1024;
                await context.Response.Body.WriteAsync(new byte[256 * 1024], context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            });
        }, cancellationToken: TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new RecordingProgress { OnReport = _ => cancel.Cancel() };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Resolver(progress).ResolveAsync($"{server.BaseUrl}/{marker}", dir.Path, StdinSource.None, cancel.Token));

        Assert.NotEmpty(progress.Reports);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (ProcessesMentioning(marker).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Empty(ProcessesMentioning(marker));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData("WARNING: [generic] Falling back on generic information extractor\nERROR: Unsupported URL: http://127.0.0.1:1/about\n", "no video")]
    [InlineData("ERROR: [generic] None: Unable to download webpage: HTTP Error 404: File not found (caused by <HTTPError 404: 'File not found'>); please report this issue on  https://github.com/yt-dlp/yt-dlp/issues?q= , filling out the appropriate issue template. Confirm you are on the latest version using  yt-dlp -U\n",
        "Unable to download webpage: HTTP Error 404: File not found")]
    [InlineData("ERROR: [generic] None: Unable to download webpage: <urlopen error [Errno 111] Connection refused> (caused by URLError(ConnectionRefusedError(111, 'Connection refused')))\n",
        "Unable to download webpage: Connection refused")]
    [InlineData("ERROR: [youtube] dQw4w9WgXcQ: Private video. Sign in if you've been granted access to this video\n",
        "Private video. Sign in if you've been granted access to this video")]
    [InlineData("ERROR: unable to download video data: HTTP Error 403: Forbidden for https://cdn.example.com/v.mp4?sig=abc&x=1\n",
        "unable to download video data: HTTP Error 403: Forbidden for https://cdn.example.com/v.mp4?sig=***&x=1")]
    public void Yt_dlp_errors_become_one_clause_without_its_bug_report_request_or_secrets(string stderr, string reason)
    {
        Assert.Equal(reason, PageDownloader.ErrorReason(stderr));
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", true)]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", true)]
    [InlineData("https://player.vimeo.com/video/76979871", true)]
    [InlineData("https://VIMEO.com/76979871", true)]
    [InlineData("https://notyoutube.com/watch", false)]
    [InlineData("https://cdn.example.com/clip.mp4", false)]
    public void Known_video_sites_go_straight_to_yt_dlp(string url, bool page)
    {
        Assert.Equal(page, VideoSites.IsVideoPage(new Uri(url)));
    }

    [Fact]
    public void The_users_arguments_come_after_the_defaults_and_the_url_last()
    {
        var downloader = new PageDownloader(new YtDlp("/usr/bin/yt-dlp", ["-f", "b[height<=240]", "--cookies", "c.txt"]), Limits, "/opt/ffmpeg/ffmpeg");

        var args = downloader.Arguments(new Uri("https://example.com/talk?id=1"));

        Assert.Equal(["-f", "b[height<=240]", "--cookies", "c.txt", "--", "https://example.com/talk?id=1"], args.TakeLast(6));
        Assert.Equal("res:1080,ext:mp4:m4a", args[args.ToList().IndexOf("--format-sort") + 1]);
        Assert.Equal("/opt/ffmpeg/ffmpeg", args[args.ToList().IndexOf("--ffmpeg-location") + 1]);
        Assert.Equal("10", args[args.ToList().IndexOf("--socket-timeout") + 1]);
        Assert.Equal("--ignore-config", args[0]);
    }

    private static List<int> ProcessesMentioning(string marker) =>
    [
        .. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && ProcessTable.IsAlive(pid) && CommandLine(pid).Contains(marker, StringComparison.Ordinal)),
    ];

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private sealed class RecordingProgress : IRunProgress
    {
        public List<(string Name, double? Total)> Stages { get; } = [];

        public List<double> Reports { get; } = [];

        public Action<double>? OnReport { get; init; }

        public void Stage(string name, double? total) => Stages.Add((name, total));

        public void Report(double value)
        {
            Reports.Add(value);
            OnReport?.Invoke(value);
        }

        public void Message(string line)
        {
        }
    }
}
