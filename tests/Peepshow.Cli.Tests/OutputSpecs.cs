using Peepshow.Protocol;
using Peepshow.Testing;
using Peepshow.Testing.Media;

namespace Peepshow.Cli.Tests;

/// <summary>What an agent reads on stdout, from the real executable.</summary>
public sealed class OutputSpecs
{
    [Fact(Timeout = 120_000)]
    public async Task By_default_I_get_the_summary_the_stats_line_and_one_absolute_path_per_frame()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();
        using var dir = new TempDir();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--output", dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines;
        Assert.Equal($"peepshow: extracted 7 frames via scene detection to {dir.Path}", lines[0]);
        Assert.Matches(@"^peepshow stats: 0:10 640×360 h264 30fps \d+KB → 7 via scene, \d+KB, [\d.]+ms$", lines[1]);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => Path.Combine(dir.Path, $"frame_{i:0000}.jpg")), lines.Skip(2));
        Assert.All(lines.Skip(2), path => Assert.True(File.Exists(path)));
        Assert.Empty(result.StandardError);
    }

    [Fact(Timeout = 120_000)]
    public async Task Emit_json_prints_the_payload_that_is_also_in_the_manifest()
    {
        var clip = await TestMedia.HardCutsAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "--emit", "json", "--no-audio");

        Assert.Equal(0, result.ExitCode);
        var read = ProtocolJson.Read(result.StandardOutput);
        Assert.True(read.IsOk, read.Error);
        var payload = read.Payload!;
        Assert.Equal(7, payload.Frames.Count);
        Assert.All(payload.Frames, f => Assert.True(f.TimestampSeconds is >= 0 && f.Reason is not null && File.Exists(f.Path)));
        var manifest = ProtocolJson.Read(await File.ReadAllBytesAsync(Path.Combine(payload.OutputDir, "manifest.json"), TestContext.Current.CancellationToken));
        Assert.Equal(ProtocolJson.Serialize(payload), ProtocolJson.Serialize(manifest.Payload!));
        Directory.Delete(payload.OutputDir, recursive: true);
    }

    [Fact(Timeout = 120_000)]
    public async Task Markdown_and_caveman_render_the_same_frames()
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();
        using var dir = new TempDir();

        var markdown = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "-o", dir.Combine("md"), "--emit", "markdown");
        var caveman = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "-o", dir.Combine("cm"), "-e", "caveman");

        Assert.Equal(0, markdown.ExitCode);
        Assert.StartsWith("## peepshow: anim.gif", markdown.StandardOutput);
        Assert.Contains($"![frame 1 at 0:00.00 (first)]({dir.Combine("md", "frame_0001.jpg")})", markdown.StandardOutput);
        Assert.Equal(0, caveman.ExitCode);
        Assert.Matches(@"^\d+frm 1s 320x240 gif 10fps scene [\d.]+ms$", caveman.StdoutLines[0]);
        Assert.Equal(dir.Combine("cm", "frame_0001.jpg"), caveman.StdoutLines[1]);
    }

    [Fact(Timeout = 120_000)]
    public async Task Quiet_drops_the_stats_line()
    {
        var clip = await TestMedia.AnimatedGifAsync(TestContext.Current.CancellationToken);
        using var peepshow = new PeepshowProcess();
        using var dir = new TempDir();

        var result = await peepshow.RunAsync(TestContext.Current.CancellationToken, clip.Path, "-q", "-o", dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("peepshow: extracted", result.StdoutLines[0]);
        Assert.All(result.StdoutLines.Skip(1), line => Assert.StartsWith(dir.Path, line));
    }
}
