using System.Text.Json;
using Peepshow.Core.Media;
using Peepshow.Testing;
using Peepshow.Testing.Media;
using Peepshow.Core.Processes;

namespace Peepshow.Core.Tests.Media;

public sealed class FfProbeSpecs
{
    private static Task<GeneratedClip> TaggedClipAsync() =>
        TestMedia.GetAsync("tagged.mp4", async path =>
        {
            await TestMedia.FfmpegAsync(TestContext.Current.CancellationToken,
                "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-f", "lavfi", "-i", "sine=d=2",
                "-metadata", "title=The Heist", "-metadata", "artist=Kubrick", "-metadata", "comment=take 2",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", path);
            return [new Segment(0, 2, "tagged")];
        });

    [Fact(Timeout = 60_000)]
    public async Task I_can_probe_duration_size_rate_codec_and_container_tags()
    {
        var clip = await TaggedClipAsync();

        var media = await FfProbe.AnalyseAsync(FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory), clip.Path, "tagged.mp4", TestContext.Current.CancellationToken);

        Assert.Equal(2.0, media.DurationSeconds!.Value, 1);
        Assert.Equal((320, 240), (media.Video!.Width, media.Video.Height));
        Assert.Equal(25, media.Video.Fps);
        Assert.Equal("h264", media.Video.Codec);
        Assert.Equal(50, media.EstimatedTotalFrames);
        Assert.True(media.HasAudio);
        Assert.Equal("mp4", FfProbe.ContainerName(media.FormatName, "mp4"));
        Assert.Equal("The Heist", media.Tags["title"]);
        Assert.Equal("Kubrick", media.Tags["artist"]);
        Assert.Equal(["title", "artist", "comment", "encoder"], media.Tags.Keys);
        Assert.DoesNotContain("major_brand", media.Tags.Keys);
        Assert.DoesNotContain("compatible_brands", media.Tags.Keys);
        Assert.NotNull(media.ToolVersion.Major);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_file_ffprobe_cannot_read_is_exit_4_with_the_demuxers_own_reason()
    {
        using var dir = new TempDir();
        var fake = dir.Combine("notes.mp4");
        await File.WriteAllTextAsync(fake, "these are meeting notes, not a video\n", TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<PeepshowException>(() =>
            FfProbe.AnalyseAsync(FfmpegLocator.Locate(EnvironmentVariables.Process.Get, Environment.CurrentDirectory), fake, "notes.mp4", TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.InputUnresolvable, ex.ExitCode);
        Assert.Equal("cannot read notes.mp4 as video: moov atom not found", ex.Message);
    }

    [Fact]
    public void A_portrait_phone_video_reports_its_display_size()
    {
        var media = FfProbe.FromProbe(Parse("""
            {"streams":[{"index":0,"codec_type":"video","codec_name":"hevc","width":1920,"height":1080,"avg_frame_rate":"30000/1001",
              "side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]}],
             "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"12.5","size":"7030272","bit_rate":"4500000"}}
            """));

        Assert.Equal((1080, 1920), (media.Video!.Width, media.Video.Height));
        Assert.Equal(29.97, media.Video.Fps);
        Assert.Equal(4500, media.BitrateKbps);
        Assert.Equal(375, media.EstimatedTotalFrames);
    }

    [Fact]
    public void Cover_art_is_not_the_video_stream()
    {
        var media = FfProbe.FromProbe(Parse("""
            {"streams":[{"index":0,"codec_type":"audio","codec_name":"mp3"},
                        {"index":1,"codec_type":"video","codec_name":"mjpeg","width":500,"height":500,"disposition":{"attached_pic":1}}],
             "format":{"format_name":"mp3","duration":"180"}}
            """));

        Assert.Null(media.Video);
        Assert.True(media.HasAudio);
    }

    [Fact]
    public void Anamorphic_pixels_are_widened_to_the_display_aspect()
    {
        var media = FfProbe.FromProbe(Parse("""
            {"streams":[{"index":0,"codec_type":"video","codec_name":"mpeg2video","width":720,"height":480,"sample_aspect_ratio":"32:27"}],
             "format":{"format_name":"mpeg"}}
            """));

        Assert.Equal(853, media.Video!.Width);
        Assert.Null(media.DurationSeconds);
    }

    [Theory]
    [InlineData("gif", "gif", true, false)]
    [InlineData("apng", "apng", true, false)]
    [InlineData("png_pipe", "png", false, true)]
    [InlineData("image2", "mjpeg", false, true)]
    [InlineData("matroska,webm", "vp9", false, false)]
    public void Animated_and_still_images_are_told_apart_from_video(string format, string codec, bool animated, bool still)
    {
        var media = FfProbe.FromProbe(Parse($$$"""
            {"streams":[{"index":0,"codec_type":"video","codec_name":"{{{codec}}}","width":10,"height":10}],"format":{"format_name":"{{{format}}}"}}
            """));

        Assert.Equal(animated, media.IsAnimatedImage);
        Assert.Equal(still, media.IsStillImage);
    }

    [Theory]
    [InlineData("mov,mp4,m4a,3gp,3g2,mj2", "mov", "mov")]
    [InlineData("mov,mp4,m4a,3gp,3g2,mj2", "mp4", "mp4")]
    [InlineData("mov,mp4,m4a,3gp,3g2,mj2", "m4v", "mp4")]
    [InlineData("mov,mp4,m4a,3gp,3g2,mj2", null, "mov")]
    [InlineData("matroska,webm", "webm", "webm")]
    [InlineData("matroska,webm", "mkv", "matroska")]
    [InlineData("png_pipe", null, "png")]
    public void The_container_is_named_as_users_name_it(string format, string? extension, string container)
    {
        Assert.Equal(container, FfProbe.ContainerName(format, extension));
    }

    private static FfprobeOutput Parse(string json) => JsonSerializer.Deserialize(json, CoreJsonContext.Default.FfprobeOutput)!;
}
