using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Sinks.EventTrack.Tests.Fixtures;

/// <summary>Payloads the specs deliver: a full run as peepshow writes it, lean variants, and the original peepshow's example.</summary>
internal static class Runs
{
    public const string RunId = "20261120T235959123-k3x9q2";
    public const string OutputDir = "/tmp/peepshow-20261120T235959123-k3x9q2";

    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 20, 23, 59, 59, 123, TimeSpan.Zero);

    /// <summary><see cref="CreatedAt"/> in epoch milliseconds, worked out by hand: 1795219199 s (date -u -d …) and 123 ms.</summary>
    public const long CreatedAtEpochMs = 1_795_219_199_123;

    /// <summary>A screen recording with tags, audio and a transcript: every property has a value.</summary>
    public static RunPayload Full { get; } = new()
    {
        RunId = RunId,
        CreatedAt = CreatedAt,
        Input = new InputInfo { Kind = "path", Path = "/home/ana/clips/heist-trailer.mov", Filename = "heist-trailer.mov", Extension = "mov", SizeBytes = 7_030_272 },
        OutputDir = OutputDir,
        Strategy = "scene",
        Frames =
        [
            new FrameInfo { Index = 1, Path = $"{OutputDir}/frame_0001.jpg", Bytes = 42_321, TimestampSeconds = 0, Reason = "first" },
            new FrameInfo { Index = 2, Path = $"{OutputDir}/frame_0002.jpg", Bytes = 38_104, TimestampSeconds = 4.2, Reason = "scene-cut" },
            new FrameInfo { Index = 3, Path = $"{OutputDir}/frame_0003.jpg", Bytes = 40_002, TimestampSeconds = 9.7, Reason = "coverage" },
        ],
        Video = new VideoInfo
        {
            DurationSeconds = 12.5,
            Width = 1920,
            Height = 1080,
            Fps = 30,
            Codec = "h264",
            BitrateKbps = 4500,
            Container = "mov",
            SizeBytes = 7_030_272,
            EstimatedTotalFrames = 375,
            Tags = new Dictionary<string, string>
            {
                ["title"] = "The Heist",
                ["director"] = "Kubrick",
                ["studio"] = "Hawk Films",
                ["comment"] = "Café \"final\" cut",
            },
        },
        Extraction = new ExtractionInfo { Strategy = "scene", Threshold = 0.3, FramesEmitted = 3, ElapsedMs = 187.24, FfmpegSource = "system" },
        Audio = new AudioInfo
        {
            Path = $"{OutputDir}/audio.m4a",
            DurationSeconds = 12.5,
            Codec = "aac",
            SampleRateHz = 16000,
            Channels = 1,
            PeakDbfs = -1.2,
            SilenceRatio = 0.18,
            Transcript = new TranscriptInfo
            {
                Provider = "whisper-cpp",
                Model = "base.en",
                Language = "en",
                DurationSeconds = 12.4,
                Segments = [new TranscriptSegment(0, 2.58, "(upbeat music)")],
                Text = "(upbeat music)",
            },
        },
    };

    /// <summary>An animated GIF from a producer that knows little: no duration, codec, size, tags, audio.</summary>
    public static RunPayload Lean { get; } = new()
    {
        RunId = "20261120T101010000-gif001",
        CreatedAt = CreatedAt,
        OutputDir = "/tmp/peepshow-20261120T101010000-gif001",
        Strategy = "fps",
        Frames = [new FrameInfo { Path = "/tmp/peepshow-20261120T101010000-gif001/frame_0001.jpg" }],
        Video = new VideoInfo(),
        Audio = new AudioInfo { Path = null, Transcript = null },
    };

    /// <summary>A run whose transcription failed: the transcript has no language or duration, only the reason.</summary>
    public static RunPayload TranscriptSkipped { get; } = Full with
    {
        Audio = Full.Audio! with { SilenceRatio = null, Transcript = new TranscriptInfo { Provider = "openai", SkippedReason = "HTTP 401 from the transcription endpoint" } },
    };

    /// <summary>Full, but with metadata tags of roughly <paramref name="bytes"/> (a long description, as some encoders write).</summary>
    public static RunPayload WithTagBytes(int bytes) => Full with
    {
        Video = Full.Video! with { Tags = new Dictionary<string, string>(Full.Video.Tags!) { ["description"] = new string('d', bytes) } },
    };

    public static byte[] Json(RunPayload payload) => ProtocolJson.SerializeToUtf8(payload);

    /// <summary>anchor-peepshow.md §1.5: the original peepshow's documented payload (no runId, no createdAt, no input).</summary>
    public static byte[] OriginalExample() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "original-example.json"));
}
