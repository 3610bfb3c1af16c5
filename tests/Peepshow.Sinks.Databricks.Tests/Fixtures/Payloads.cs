using Peepshow.Protocol;
using Peepshow.Protocol.Payload;

namespace Peepshow.Sinks.Databricks.Tests.Fixtures;

/// <summary>Payloads the specs feed the sink: a full run as our peepshow emits it, and the original peepshow's example.</summary>
internal static class Payloads
{
    public const string RunId = "20261120T235959123-k3x9q2";
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 20, 23, 59, 59, 123, TimeSpan.Zero);
    private const string OutputDir = "/tmp/peepshow-" + RunId;

    /// <summary>A three-frame screen recording with tags and a transcript; <paramref name="configure"/> tweaks it.</summary>
    public static RunPayload Full(Func<RunPayload, RunPayload>? configure = null)
    {
        var payload = new RunPayload
        {
            RunId = RunId,
            CreatedAt = CreatedAt,
            Input = new InputInfo { Kind = "path", Path = "/home/ana/Videos/quarterly-demo.mp4", Filename = "quarterly-demo.mp4", Extension = "mp4", SizeBytes = 18_874_368 },
            OutputDir = OutputDir,
            Strategy = "scene",
            Frames =
            [
                new FrameInfo { Index = 1, Path = $"{OutputDir}/frame_0001.jpg", Bytes = 48_211, TimestampSeconds = 0, Reason = "first" },
                new FrameInfo { Index = 2, Path = $"{OutputDir}/frame_0002.jpg", Bytes = 51_873, TimestampSeconds = 14.2, Reason = "scene-cut" },
                new FrameInfo { Index = 3, Path = $"{OutputDir}/frame_0003.jpg", Bytes = 50_090, TimestampSeconds = 41.9, Reason = "content-change" },
            ],
            Video = new VideoInfo
            {
                DurationSeconds = 42.375,
                Width = 1920,
                Height = 1080,
                Fps = 30,
                Codec = "h264",
                BitrateKbps = 3560,
                Container = "mov,mp4,m4a,3gp,3g2,mj2",
                SizeBytes = 18_874_368,
                EstimatedTotalFrames = 1271,
                Tags = new Dictionary<string, string>
                {
                    ["title"] = "Quarterly demo: señor café ☕",
                    ["director"] = "Ana Lima",
                    ["comment"] = "recorded on stage",
                },
            },
            Extraction = new ExtractionInfo { Strategy = "scene", Threshold = 0.3, FramesEmitted = 3, ElapsedMs = 187.24, FfmpegSource = "system" },
            Audio = new AudioInfo
            {
                Path = $"{OutputDir}/audio.m4a",
                DurationSeconds = 42.375,
                Codec = "aac",
                SampleRateHz = 16000,
                Channels = 1,
                PeakDbfs = -1.5,
                SilenceRatio = 0.12,
                Transcript = new TranscriptInfo
                {
                    Provider = "whisper-cpp",
                    Model = "base.en",
                    Language = "en",
                    DurationSeconds = 42.375,
                    Segments = [new TranscriptSegment(0, 3.1, "Welcome to the quarterly demo."), new TranscriptSegment(3.1, 7.8, "Revenue is up; costs are down.")],
                    Text = "Welcome to the quarterly demo. Revenue is up; costs are down.",
                },
            },
        };
        return configure is null ? payload : configure(payload);
    }

    public static string Json(RunPayload payload) => ProtocolJson.Serialize(payload);

    public static string FullJson(Func<RunPayload, RunPayload>? configure = null) => Json(Full(configure));

    /// <summary>anchor-peepshow.md §1.5: what the original npm peepshow emits (no runId, createdAt or input).</summary>
    public static string OriginalExample() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "original-peepshow-example.json"));

    /// <summary>Adds or replaces video tags.</summary>
    public static RunPayload WithTags(this RunPayload payload, IReadOnlyDictionary<string, string> tags) =>
        payload with { Video = payload.Video! with { Tags = tags } };
}
