using Peepshow.Core;
using Peepshow.Protocol;
using Peepshow.Testing;
using Peepshow.Testing.Http;
using Peepshow.Testing.Media;
using Microsoft.AspNetCore.Builder;

namespace Peepshow.Cli.Tests;

/// <summary>Every bad input gets its exit code and one clear line on stderr (plus at most a hint).</summary>
public sealed class ExitCodeSpecs
{
    [Theory(Timeout = 60_000)]
    [InlineData("--max", "0", "--max must be a whole number between 1 and 10000 (got 0)")]
    [InlineData("--threshold", "2", "--threshold must be a number between 0 and 1 (got 2)")]
    [InlineData("--dedup-distance", "65", "--dedup-distance must be a whole number between 0 and 64 (got 65)")]
    [InlineData("--format", "gif", "--format must be one of jpg, png (got 'gif')")]
    [InlineData("--start", "soon", "--start expects seconds (12.5) or a clock time (1:05, 0:01:05.5), not 'soon'")]
    [InlineData("--fps", "0", "--fps must be a number between 0.001 and 120 (got 0)")]
    [InlineData("--frobnicate", "1", "Unrecognized command or argument '--frobnicate'")]
    public async Task A_bad_flag_is_exit_2_with_one_line(string flag, string value, string message)
    {
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "clip.mp4", flag, value);

        Assert.Equal(ExitCodes.BadArguments, result.ExitCode);
        Assert.StartsWith($"peepshow: {message}", result.StderrLines[0]);
        Assert.Equal("peepshow: hint: run 'peepshow --help' for usage, defaults and examples", Assert.Single(result.StderrLines.Skip(1)));
        Assert.Empty(result.StandardOutput);
    }

    [Fact(Timeout = 60_000)]
    public async Task Min_above_max_end_before_start_and_no_input_are_exit_2()
    {
        using var peepshow = new PeepshowProcess();

        var minMax = await peepshow.RunAsync(TestContext.Current.CancellationToken, "clip.mp4", "--min", "9", "--max", "3");
        var window = await peepshow.RunAsync(TestContext.Current.CancellationToken, "clip.mp4", "--start", "10", "--end", "0:05");
        var none = await peepshow.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal((2, "peepshow: --min (9) cannot be more than --max (3)"), (minMax.ExitCode, minMax.StderrLines[0]));
        Assert.Equal((2, "peepshow: --end (5s) must be after --start (10s)"), (window.ExitCode, window.StderrLines[0]));
        Assert.Equal(2, none.ExitCode);
        Assert.StartsWith("peepshow: Required argument missing", none.StderrLines[0]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Inputs_that_cannot_be_resolved_are_exit_4_with_one_clear_line()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("folder.mp4"));
        await File.WriteAllBytesAsync(dir.Combine("empty.mp4"), [], TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(dir.Combine("notes.mp4"), "minutes of the meeting\n", TestContext.Current.CancellationToken);
        var bytes = await File.ReadAllBytesAsync(clip.Path, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(dir.Combine("truncated.mp4"), bytes[..(bytes.Length / 3)], TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();

        (string Input, string Line)[] cases =
        [
            (dir.Combine("missing.mp4"), $"peepshow: {dir.Combine("missing.mp4")}: no such file"),
            (dir.Combine("folder.mp4"), $"peepshow: {dir.Combine("folder.mp4")} is a directory, not a video file"),
            (dir.Combine("empty.mp4"), $"peepshow: {dir.Combine("empty.mp4")} is empty (0 bytes)"),
            (dir.Combine("notes.mp4"), "peepshow: notes.mp4 is a text file, not a video"),
            (dir.Combine("truncated.mp4"), "peepshow: cannot read truncated.mp4 as video: moov atom not found"),
            ("data:video/mp4;base64,@@@", "peepshow: malformed data URI: the base64 payload is not valid base64"),
            ("data:text/html;base64,PGgxPg==", "peepshow: malformed data URI: 'text/html' is not a video or animated image type (video/*, image/gif, image/apng, image/webp, image/png)"),
        ];
        foreach (var (input, line) in cases)
        {
            var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, input, "-o", dir.Combine("run"));

            Assert.True(result.ExitCode == ExitCodes.InputUnresolvable, $"{input}: {result}");
            Assert.Equal(line, result.StderrLines[0]);
            Assert.True(result.StderrLines.Count <= 2 && result.StderrLines.Skip(1).All(l => l.StartsWith("peepshow: hint: ", StringComparison.Ordinal)), result.ToString());
            Assert.Empty(result.StandardOutput);
            Assert.False(Directory.Exists(dir.Combine("run")), $"{input} left its run folder behind");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_url_that_answers_404_is_exit_4()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/", () => "home"), cancellationToken: TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();
        var url = new Uri(server.BaseUri, "videos/gone.mp4").ToString();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, url);

        Assert.Equal(ExitCodes.InputUnresolvable, result.ExitCode);
        Assert.Equal($"peepshow: cannot download {url}: HTTP 404 Not Found", result.StderrLines[0]);
    }

    [Fact(Timeout = 60_000)]
    public async Task Without_ffmpeg_it_is_exit_3_naming_the_install_command()
    {
        using var peepshow = new PeepshowProcess().WithEnvironment("PEEPSHOW_FFMPEG", "/nonexistent/ffmpeg");

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, "clip.mp4");

        Assert.Equal(ExitCodes.FfmpegMissing, result.ExitCode);
        Assert.Equal("peepshow: PEEPSHOW_FFMPEG points to '/nonexistent/ffmpeg', which is not an executable file", result.StderrLines[0]);
        Assert.Contains("apt-get install -y ffmpeg", result.StandardError);
    }

    [Fact(Timeout = 60_000)]
    public async Task When_ffmpeg_fails_it_is_exit_6_with_ffmpegs_own_error_line()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        var fake = dir.Combine("ffmpeg");
        await File.WriteAllTextAsync(fake,
            "#!/bin/sh\necho '[h264 @ 0x55d1] decode_slice_header error' >&2\necho 'Error while decoding stream #0:0: Invalid data found when processing input' >&2\necho 'Conversion failed!' >&2\nexit 1\n",
            TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        using var peepshow = new PeepshowProcess()
            .WithEnvironment("PEEPSHOW_FFMPEG", fake)
            .WithEnvironment("PEEPSHOW_FFPROBE", Which("ffprobe"));

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path);

        Assert.Equal(ExitCodes.FfmpegFailed, result.ExitCode);
        Assert.Equal("peepshow: ffmpeg failed to decode cuts.mp4: Error while decoding stream #0:0: Invalid data found when processing input", result.StderrLines[0]);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_window_past_the_end_is_exit_5_and_hints_can_be_silenced()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();
        using var quiet = new PeepshowProcess().WithEnvironment("PEEPSHOW_NO_HINTS", "1");

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--start", "1:00");
        var silenced = await quiet.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--start", "1:00");

        Assert.Equal(ExitCodes.ZeroFrames, result.ExitCode);
        Assert.Equal("peepshow: --start 60s is past the end of cuts.mp4 (10.5s long): no frames to extract", result.StderrLines[0]);
        Assert.StartsWith("peepshow: hint: ", result.StderrLines[1]);
        Assert.Equal(ExitCodes.ZeroFrames, silenced.ExitCode);
        Assert.Equal([result.StderrLines[0]], silenced.StderrLines);
    }

    [Fact(Timeout = 120_000)]
    public async Task Edge_values_are_settled_before_ffmpeg_runs()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var dir = new TempDir();
        using var peepshow = new PeepshowProcess();

        // 0.1 fps over 4 s is less than half an interval: ffmpeg's fps filter alone would give no frame.
        var slow = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--no-audio", "--fps", "0.1", "--end", "4", "--emit", "json", "-o", dir.Combine("slow"));
        var slowest = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--no-audio", "--fps", "0.001", "--emit", "json", "-o", dir.Combine("slowest"));
        var tooSlow = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--no-audio", "--fps", "0.0000001");
        // ffmpeg refuses a duration like this one ("Invalid duration specification"); past the end means the end.
        var farEnd = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--no-audio", "--end", "1000000000000000", "--emit", "json", "-o", dir.Combine("far"));
        var farStart = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--no-audio", "--start", "1000000000000000");

        Assert.True(slow.ExitCode == 0, slow.ToString());
        Assert.Equal([0.0], ProtocolJson.Read(slow.StandardOutput).Payload!.Frames.Select(f => Math.Round(f.TimestampSeconds!.Value)));
        Assert.True(slowest.ExitCode == 0, slowest.ToString());
        Assert.Single(ProtocolJson.Read(slowest.StandardOutput).Payload!.Frames);
        Assert.Equal((2, "peepshow: --fps must be a number between 0.001 and 120 (got 0.0000001)"), (tooSlow.ExitCode, tooSlow.StderrLines[0]));
        Assert.True(farEnd.ExitCode == 0, farEnd.ToString());
        Assert.Equal(7, ProtocolJson.Read(farEnd.StandardOutput).Payload!.Frames.Count);
        Assert.Equal((5, "peepshow: --start 1000000000000000s is past the end of cuts.mp4 (10.5s long): no frames to extract"), (farStart.ExitCode, farStart.StderrLines[0]));
    }

    private static string Which(string name) =>
        Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, name)).First(File.Exists);
}
