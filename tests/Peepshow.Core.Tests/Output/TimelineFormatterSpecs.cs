using Peepshow.Core.Output;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Tests.Output;

public sealed class TimelineFormatterSpecs
{
    private static RunPayload Payload(IReadOnlyList<FrameInfo> frames, AudioInfo? audio) => new()
    {
        OutputDir = "/tmp/peepshow-run",
        Strategy = "scene",
        Input = new InputInfo { Kind = "path", Filename = "demo.mov" },
        Video = new VideoInfo { DurationSeconds = 75.25 },
        Frames = frames,
        Audio = audio,
    };

    private static FrameInfo Frame(int index, double at, string reason) =>
        new() { Index = index, Path = $"/tmp/peepshow-run/frame_{index:0000}.jpg", TimestampSeconds = at, Reason = reason };

    [Fact]
    public void Each_frame_is_followed_by_the_segments_that_start_while_it_is_on_screen_in_time_order()
    {
        var transcript = new TranscriptInfo
        {
            Provider = "whisper-cpp",
            Model = "base.en",
            Language = "en",
            // Deliberately out of order: the timeline sorts by start.
            Segments =
            [
                new TranscriptSegment(12.0, 14.5, "Third, while the slide changes."),
                new TranscriptSegment(0.2, 3.0, "First, before the first frame."),
                new TranscriptSegment(4.9, 11.2, "Second, spanning frames\ntwo and three."),
                new TranscriptSegment(70.0, 75.0, "Last words."),
            ],
        };
        var payload = Payload(
            [Frame(1, 0.5, "first"), Frame(2, 4.9, "scene-cut"), Frame(3, 10.0, "content-change"), Frame(4, 65.4, "coverage")],
            new AudioInfo { Path = "/tmp/peepshow-run/audio.m4a", Transcript = transcript });

        var markdown = TimelineFormatter.Format(payload);

        Assert.Equal(
            """
            # Timeline of demo.mov

            1:15.3 · 4 frames · transcript by whisper-cpp base.en, en: 4 segments, each under the frame on screen when it starts

            ## 0:00.5 · frame 1 · first

            ![frame 1](</tmp/peepshow-run/frame_0001.jpg>)

            > [0:00.2 → 0:03.0] First, before the first frame.

            ## 0:04.9 · frame 2 · scene-cut

            ![frame 2](</tmp/peepshow-run/frame_0002.jpg>)

            > [0:04.9 → 0:11.2] Second, spanning frames two and three.

            ## 0:10.0 · frame 3 · content-change

            ![frame 3](</tmp/peepshow-run/frame_0003.jpg>)

            > [0:12.0 → 0:14.5] Third, while the slide changes.

            ## 1:05.4 · frame 4 · coverage

            ![frame 4](</tmp/peepshow-run/frame_0004.jpg>)

            > [1:10.0 → 1:15.0] Last words.


            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            markdown);
    }

    [Fact]
    public void A_skipped_transcript_says_why_and_lists_the_frames_alone()
    {
        var payload = Payload(
            [Frame(1, 0, "first"), Frame(2, 3, "scene-cut")],
            new AudioInfo { Path = "/tmp/peepshow-run/audio.m4a", Transcript = new TranscriptInfo { Provider = "openai", SkippedReason = "openai needs an API key: set OPENAI_API_KEY" } });

        var markdown = TimelineFormatter.Format(payload);

        Assert.Contains("1:15.3 · 2 frames · no transcript: openai needs an API key: set OPENAI_API_KEY\n", markdown);
        Assert.DoesNotContain("> [", markdown);
        Assert.True(markdown.IndexOf("frame 1", StringComparison.Ordinal) < markdown.IndexOf("frame 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Frames_without_timestamps_from_other_producers_get_evenly_spread_estimates()
    {
        var payload = Payload(
            [new FrameInfo { Path = "/a/frame_0001.jpg" }, new FrameInfo { Path = "/a/frame_0002.jpg" }, new FrameInfo { Path = "/a/frame_0003.jpg" }],
            new AudioInfo());

        var markdown = TimelineFormatter.Format(payload);

        Assert.Contains("· no audio\n", markdown);
        Assert.Contains("## 0:00.0 (estimated) · frame 1\n", markdown);
        Assert.Contains("## 0:37.6 (estimated) · frame 2\n", markdown);
        Assert.Contains("## 1:15.3 (estimated) · frame 3\n", markdown);
    }

    [Theory]
    [InlineData(0, "0:00.0")]
    [InlineData(59.96, "1:00.0")]
    [InlineData(3725.25, "1:02:05.3")]
    public void Clock_times_read_like_a_player(double seconds, string expected) => Assert.Equal(expected, TimelineFormatter.Clock(seconds));
}
