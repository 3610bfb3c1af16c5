using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;

namespace Peepshow.Testing;

/// <summary>Valid payloads for specs that need one without extracting a video.</summary>
public static class RunPayloads
{
    /// <summary>The run id of <see cref="Full"/> and, unless a spec passes another, of <see cref="Sample"/>.</summary>
    public const string RunId = "20261120T235959123-k3x9q2";

    /// <summary>When <see cref="Full"/> and <see cref="Sample"/> ran: a time with milliseconds, at the very end of a UTC day.</summary>
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 20, 23, 59, 59, 123, TimeSpan.Zero);

    private const string FullOutputDir = "/tmp/peepshow-" + RunId;

    /// <summary>
    /// One full run as peepshow emits it, for the protocol and sink specs: a 12.5 s trailer with three frames,
    /// every record filled, tags with an accent and double quotes, and audio with a Whisper transcript. Specs that
    /// rely on another value set it where they assert it (<c>with { … }</c>, <see cref="WithTitle"/>, …).
    /// </summary>
    public static RunPayload Full { get; } = new()
    {
        RunId = RunId,
        CreatedAt = CreatedAt,
        Input = new InputInfo { Kind = "path", Path = "/home/ana/clips/heist-trailer.mov", Filename = "heist-trailer.mov", Extension = "mov", SizeBytes = 7_030_272 },
        OutputDir = FullOutputDir,
        Strategy = "scene",
        Frames =
        [
            new FrameInfo { Index = 1, Path = FullOutputDir + "/frame_0001.jpg", Bytes = 42_321, TimestampSeconds = 0, Reason = "first" },
            new FrameInfo { Index = 2, Path = FullOutputDir + "/frame_0002.jpg", Bytes = 38_104, TimestampSeconds = 4.2, Reason = "scene-cut" },
            new FrameInfo { Index = 3, Path = FullOutputDir + "/frame_0003.jpg", Bytes = 40_877, TimestampSeconds = 9.75, Reason = "content-change" },
        ],
        Video = new VideoInfo
        {
            DurationSeconds = 12.5,
            Width = 1920,
            Height = 1080,
            Fps = 29.97,
            Codec = "h264",
            BitrateKbps = 4500,
            Container = "mov",
            SizeBytes = 7_030_272,
            EstimatedTotalFrames = 375,
            Tags = new Dictionary<string, string>
            {
                ["title"] = "The Heist (trailer)",
                ["director"] = "Kubrick",
                ["studio"] = "Hawk Films",
                ["comment"] = "Café \"final\" cut",
            },
        },
        Extraction = new ExtractionInfo
        {
            Strategy = "scene",
            Threshold = 0.3,
            Fps = 2,
            FramesEmitted = 3,
            FramesBeforePrune = 5,
            FramesPruned = 1,
            FramesDeduped = 1,
            DedupDistance = 5,
            MotionSignalAvg = 15.7,
            MotionSignalLevel = "high",
            // The three frames' bytes, summed and averaged, as a real run reports them.
            TotalOutputBytes = 121_302, AvgFrameBytes = 40_434,
            ElapsedMs = 187.24,
            FfmpegSource = "system",
            FfmpegPath = "/usr/bin/ffmpeg",
        },
        Audio = new AudioInfo
        {
            Path = FullOutputDir + "/audio.m4a",
            DurationSeconds = 12.48,
            Codec = "aac",
            SampleRateHz = 16_000,
            Channels = 1,
            PeakDbfs = -1.2,
            SilenceRatio = 0.18,
            Transcript = new TranscriptInfo
            {
                Provider = "whisper-cpp",
                Model = "base.en",
                Language = "en",
                DurationSeconds = 12.4,
                Segments = [new TranscriptSegment(0, 4.2, " Previously, on the heist."), new TranscriptSegment(4.2, 9.8, " Nobody's leaving this room.")],
                // Whisper's text starts with a space: the kind of value a sink's backend may trim (Stargate v1 does).
                Text = " Previously, on the heist. Nobody's leaving this room.",
            },
        },
    };

    /// <summary><paramref name="payload"/> with its video tags replaced by <paramref name="tags"/>.</summary>
    public static RunPayload WithTags(this RunPayload payload, IReadOnlyDictionary<string, string> tags) =>
        payload with { Video = (payload.Video ?? new VideoInfo()) with { Tags = tags } };

    /// <summary><paramref name="payload"/> with its <c>title</c> tag set; the other tags stay, in their order.</summary>
    public static RunPayload WithTitle(this RunPayload payload, string title) =>
        payload.WithTags(new Dictionary<string, string>(payload.Video?.Tags ?? new Dictionary<string, string>()) { ["title"] = title });

    /// <summary><paramref name="payload"/> with its transcript's text set, or without a transcript for null.</summary>
    public static RunPayload WithTranscript(this RunPayload payload, string? text) =>
        payload with
        {
            Audio = (payload.Audio ?? new AudioInfo()) with { Transcript = text is null ? null : (payload.Audio?.Transcript ?? new TranscriptInfo()) with { Text = text } },
        };

    /// <summary>A small run (two frames of a 3 s clip, no audio) for the Core and CLI specs.</summary>
    public static RunPayload Sample(
        string outputDir,
        string? runId = null,
        string inputPath = "/videos/The Heist.MP4",
        string container = "mov,mp4,m4a,3gp,3g2,mj2",
        string codec = "h264",
        IReadOnlyDictionary<string, string>? tags = null)
    {
        var input = new InputInfo
        {
            Kind = "path",
            Path = inputPath,
            Filename = Path.GetFileName(inputPath),
            Extension = Path.GetExtension(inputPath).TrimStart('.').ToLowerInvariant(),
            SizeBytes = 1234,
        };
        var video = new VideoInfo
        {
            DurationSeconds = 3,
            Width = 320,
            Height = 240,
            Fps = 25,
            Codec = codec,
            Container = container,
            Tags = tags ?? new Dictionary<string, string> { ["title"] = "The Heist", ["director"] = "Kubrick", ["artist"] = "Zoë Ångström, 日本 \"quoted\"" },
        };
        return new RunPayload
        {
            RunId = runId ?? RunId,
            CreatedAt = CreatedAt,
            Input = input,
            OutputDir = outputDir,
            Strategy = "scene",
            Frames =
            [
                new FrameInfo { Index = 1, Path = Path.Combine(outputDir, "frame_0001.jpg"), Bytes = 10, TimestampSeconds = 0, Reason = "first" },
                new FrameInfo { Index = 2, Path = Path.Combine(outputDir, "frame_0002.jpg"), Bytes = 10, TimestampSeconds = 1.5, Reason = "scene-cut" },
            ],
            Video = video,
        };
    }

    /// <summary>The exact bytes <c>--emit json</c> prints and a sink receives for <paramref name="payload"/>.</summary>
    public static byte[] Bytes(RunPayload payload) => DeliveryStage.PayloadBytes(payload);
}
