using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Sinks.Cassandra.Tests.Fixtures;

/// <summary>Payloads as peepshow emits them: one full, realistic run, and the original peepshow's documented example.</summary>
internal static class Payloads
{
    public const string RunId = "20261120T235959123-k3x9q2";
    public const string OutputDir = "/tmp/peepshow-" + RunId;

    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 20, 23, 59, 59, 123, TimeSpan.Zero);

    /// <summary>A 42.5 s screen recording with three frames, container tags and a Whisper transcript.</summary>
    public static RunPayload Full { get; } = new()
    {
        RunId = RunId,
        CreatedAt = CreatedAt,
        Input = new InputInfo
        {
            Kind = "path",
            Path = "/home/ada/clips/heist-trailer.mov",
            Filename = "heist-trailer.mov",
            Extension = "mov",
            SizeBytes = 12_400_512,
        },
        OutputDir = OutputDir,
        Strategy = "scene",
        Frames =
        [
            new FrameInfo { Index = 1, Path = OutputDir + "/frame_0001.jpg", Bytes = 41_233, TimestampSeconds = 0, Reason = "first" },
            new FrameInfo { Index = 2, Path = OutputDir + "/frame_0002.jpg", Bytes = 39_871, TimestampSeconds = 12.48, Reason = "scene-cut" },
            new FrameInfo { Index = 3, Path = OutputDir + "/frame_0003.jpg", Bytes = 44_012, TimestampSeconds = 37.9, Reason = "content-change" },
        ],
        Video = new VideoInfo
        {
            DurationSeconds = 42.5,
            Width = 1920,
            Height = 1080,
            Fps = 29.97,
            Codec = "h264",
            BitrateKbps = 2334,
            Container = "mov",
            SizeBytes = 12_400_512,
            EstimatedTotalFrames = 1274,
            Tags = new Dictionary<string, string>
            {
                ["title"] = "The Heist (trailer)",
                ["director"] = "Kubrick",
                ["creation_time"] = "2026-11-20T22:10:03.000000Z",
            },
        },
        Extraction = new ExtractionInfo
        {
            Strategy = "scene",
            Threshold = 0.3,
            FramesEmitted = 3,
            FramesBeforePrune = 3,
            FramesPruned = 0,
            FramesDeduped = 1,
            DedupDistance = 5,
            MotionSignalAvg = 11.2,
            MotionSignalLevel = "medium",
            TotalOutputBytes = 125_116,
            AvgFrameBytes = 41_705,
            ElapsedMs = 912.4,
            FfmpegSource = "system",
            FfmpegPath = "/usr/bin/ffmpeg",
        },
        Audio = new AudioInfo
        {
            Path = OutputDir + "/audio.m4a",
            DurationSeconds = 42.5,
            Codec = "aac",
            SampleRateHz = 16_000,
            Channels = 1,
            PeakDbfs = -1.7,
            SilenceRatio = 0.12,
            Transcript = new TranscriptInfo
            {
                Provider = "whisper-cpp",
                Model = "base.en",
                Language = "en",
                DurationSeconds = 42.5,
                Segments = [new(0, 4.2, " Previously, on the heist."), new(4.2, 9.8, " Nobody's leaving this room.")],
                // Whisper's text starts with a space: the kind of value Stargate v1 would trim.
                Text = " Previously, on the heist. Nobody's leaving this room.",
            },
        },
    };

    public static RunPayload WithTitle(string title) => Full with
    {
        Video = Full.Video! with { Tags = new Dictionary<string, string>(Full.Video.Tags!) { ["title"] = title } },
    };

    public static RunPayload WithTranscript(string? text) => Full with
    {
        Audio = Full.Audio! with { Transcript = text is null ? null : Full.Audio.Transcript! with { Text = text } },
    };

    public static byte[] Json(RunPayload payload) => ProtocolJson.SerializeToUtf8(payload);

    /// <summary>The original peepshow's documented payload (anchor §1.5): no runId, no input, no createdAt.</summary>
    public static byte[] OriginalExample() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "original-example.json"));
}
