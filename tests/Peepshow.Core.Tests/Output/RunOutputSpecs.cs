using Peepshow.Core.Output;
using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Tests.Output;

public sealed class RunOutputSpecs
{
    private static readonly RunPayload Payload = new()
    {
        RunId = "20261120T235959123-k3x9q2",
        OutputDir = "/tmp/peepshow-abc123",
        Strategy = "scene",
        Frames =
        [
            new FrameInfo { Index = 1, Path = "/tmp/peepshow-abc123/frame_0001.jpg", Bytes = 200_000, TimestampSeconds = 0, Reason = "first" },
            new FrameInfo { Index = 2, Path = "/tmp/peepshow-abc123/frame_0002.jpg", Bytes = 219_840, TimestampSeconds = 8.6, Reason = "scene-cut" },
        ],
        Video = new VideoInfo
        {
            DurationSeconds = 42.4, Width = 1920, Height = 1080, Fps = 30, Codec = "h264", Container = "mov",
            SizeBytes = 13_002_342, Tags = new Dictionary<string, string> { ["title"] = "The Heist", ["director"] = "Kubrick" },
        },
        Extraction = new ExtractionInfo
        {
            Strategy = "scene", Threshold = 0.3, FramesEmitted = 2, FramesBeforePrune = 2, FramesPruned = 0, FramesDeduped = 1,
            DedupDistance = 5, MotionSignalAvg = 15.7, MotionSignalLevel = "high", TotalOutputBytes = 419_840, AvgFrameBytes = 209_920,
            ElapsedMs = 187.24, FfmpegSource = "system", FfmpegPath = "/usr/bin/ffmpeg",
        },
    };

    [Fact]
    public void Paths_prints_the_summary_the_stats_line_and_one_path_per_line()
    {
        var text = RunOutput.Render(Payload, EmitFormat.Paths, StatsLevel.Short);

        Assert.Equal(
            """
            peepshow: extracted 2 frames via scene detection to /tmp/peepshow-abc123
            peepshow stats: "The Heist" 0:42 1920×1080 h264 30fps 12.4MB → 2 via scene, 410KB, 187.24ms
            /tmp/peepshow-abc123/frame_0001.jpg
            /tmp/peepshow-abc123/frame_0002.jpg

            """.ReplaceLineEndings("\n"), text);
    }

    [Fact]
    public void Quiet_paths_keep_the_summary_and_the_paths()
    {
        var lines = RunOutput.Render(Payload, EmitFormat.Paths, StatsLevel.Off).TrimEnd().Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("peepshow: extracted 2 frames", lines[0]);
        Assert.Equal("/tmp/peepshow-abc123/frame_0002.jpg", lines[2]);
    }

    [Fact]
    public void Full_stats_add_the_selection_the_frames_with_their_reasons_and_the_tags()
    {
        var text = RunOutput.Render(Payload, EmitFormat.Paths, StatsLevel.Full);

        Assert.Contains("peepshow stats: selection: threshold 0.3 · 2 kept before pruning · 1 near-duplicates dropped (distance 5) · 0 pruned · motion 15.7 (high)", text);
        Assert.Contains("peepshow stats: frames: 1@0:00.00 first, 2@0:08.60 scene-cut", text);
        Assert.Contains("peepshow stats: tags: title=The Heist, director=Kubrick", text);
    }

    [Fact]
    public void Json_is_exactly_the_payload_sinks_receive()
    {
        var json = RunOutput.Render(Payload, EmitFormat.Json, StatsLevel.Full);

        var read = ProtocolJson.Read(json);
        Assert.True(read.IsOk, read.Error);
        Assert.Equal(ProtocolJson.Serialize(Payload), ProtocolJson.Serialize(read.Payload!));
    }

    [Fact]
    public void Markdown_shows_each_frame_as_an_image_with_its_time_and_reason_and_a_stats_table()
    {
        var text = RunOutput.Render(Payload, EmitFormat.Markdown, StatsLevel.Short);

        Assert.StartsWith("## peepshow: The Heist\n\n2 frames via scene detection · 0:42 · 1920×1080\n", text);
        Assert.Contains("![frame 2 at 0:08.60 (scene-cut)](/tmp/peepshow-abc123/frame_0002.jpg)\n", text);
        Assert.Contains("| director | Kubrick |", text);
    }

    [Fact]
    public void Markdown_without_stats_is_only_the_images()
    {
        var lines = RunOutput.Render(Payload, EmitFormat.Markdown, StatsLevel.Off).TrimEnd().Split('\n');

        Assert.All(lines, l => Assert.StartsWith("![frame ", l));
    }

    [Fact]
    public void Caveman_is_one_terse_line_then_the_paths()
    {
        var lines = RunOutput.Render(Payload, EmitFormat.Caveman, StatsLevel.Short).TrimEnd().Split('\n');

        Assert.Equal("2frm 42.4s 1920x1080 h264 30fps scene 187.24ms", lines[0]);
        Assert.Equal(["/tmp/peepshow-abc123/frame_0001.jpg", "/tmp/peepshow-abc123/frame_0002.jpg"], lines[1..]);
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(42.4, "0:42")]
    [InlineData(725, "12:05")]
    [InlineData(5538, "1:32:18")]
    public void Durations_read_like_a_player_shows_them(double seconds, string text)
    {
        Assert.Equal(text, RunOutput.Duration(seconds));
    }

    [Fact]
    public void Hints_can_be_silenced()
    {
        var on = new StringWriter();
        var off = new StringWriter();

        Hints.Write(on, "try --fps 1", _ => null);
        Hints.Write(off, "try --fps 1", name => name == Hints.DisableEnv ? "1" : null);

        Assert.Equal("peepshow: hint: try --fps 1" + Environment.NewLine, on.ToString());
        Assert.Empty(off.ToString());
    }
}
