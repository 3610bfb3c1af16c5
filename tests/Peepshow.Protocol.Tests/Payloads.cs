using Peepshow.Protocol.Payload;

namespace Peepshow.Protocol.Tests;

/// <summary>Payloads the specs start from.</summary>
internal static class Payloads
{
    /// <summary>The original npm peepshow's documented <c>--emit json</c> example, verbatim (Fixtures/).</summary>
    public static string OriginalExampleJson => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "original-peepshow-payload.json"));

    /// <summary>Only what the contract requires.</summary>
    public static RunPayload Minimal(string outputDir = "/tmp/peepshow-minimal") => new()
    {
        OutputDir = outputDir,
        Strategy = "scene",
        Frames = [],
    };

    /// <summary>Every member of every record set to a non-null value, so a round trip exercises all of them.</summary>
    public static RunPayload FullyPopulated() => new()
    {
        SchemaVersion = RunPayload.CurrentSchemaVersion,
        RunId = "20261120T235959123-k3x9q2",
        CreatedAt = new DateTimeOffset(2026, 11, 20, 23, 59, 59, 123, TimeSpan.Zero),
        Input = new InputInfo
        {
            Kind = "url",
            Path = "/home/ana/Downloads/Café — démo.mov",
            Url = "https://media.example.com/clips/caf%C3%A9-demo.mov",
            Filename = "Café — démo.mov",
            Extension = "mov",
            SizeBytes = 7_030_272,
        },
        OutputDir = "/tmp/peepshow-20261120T235959123-k3x9q2",
        Strategy = "scene",
        Frames =
        [
            new FrameInfo { Index = 1, Path = "/tmp/peepshow-20261120T235959123-k3x9q2/frame_0001.jpg", Bytes = 42_321, TimestampSeconds = 0, Reason = "first" },
            new FrameInfo { Index = 2, Path = "/tmp/peepshow-20261120T235959123-k3x9q2/frame_0002.jpg", Bytes = 38_104, TimestampSeconds = 4.2, Reason = "scene-cut" },
            new FrameInfo { Index = 3, Path = "/tmp/peepshow-20261120T235959123-k3x9q2/frame_0003.jpg", Bytes = 40_877, TimestampSeconds = 9.75, Reason = "content-change" },
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
            Tags = new Dictionary<string, string> { ["title"] = "Café à Paris", ["artist"] = "Zoë Ångström", ["comment"] = "日本語のテスト \"quoted\" <b>" },
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
            TotalOutputBytes = 121_302,
            AvgFrameBytes = 40_434,
            ElapsedMs = 187.24,
            FfmpegSource = "system",
            FfmpegPath = "/usr/bin/ffmpeg",
        },
        Audio = new AudioInfo
        {
            Path = "/tmp/peepshow-20261120T235959123-k3x9q2/audio.m4a",
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
                DurationSeconds = 12.48,
                Segments = [new TranscriptSegment(0, 2.58, "Welcome to the café."), new TranscriptSegment(2.58, 6.1, "Let's order.")],
                Text = "Welcome to the café. Let's order.",
                SkippedReason = "none: set so every member is exercised",
            },
        },
    };

    /// <summary>Parses JSON the way a sink does and fails the spec with the reader's reason if it is refused.</summary>
    public static RunPayload Parse(string json)
    {
        var read = ProtocolJson.Read(json);
        Assert.True(read.IsOk, read.Error);
        return read.Payload!;
    }
}
