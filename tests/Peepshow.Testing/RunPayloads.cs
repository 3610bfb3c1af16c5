using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;

namespace Peepshow.Testing;

/// <summary>Small, valid payloads for specs that need one without extracting a video.</summary>
public static class RunPayloads
{
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
            RunId = runId ?? "20261120T235959123-k3x9q2",
            CreatedAt = new DateTimeOffset(2026, 11, 20, 23, 59, 59, 123, TimeSpan.Zero),
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
    public static byte[] Bytes(RunPayload payload) => RunSinks.PayloadBytes(payload);
}
