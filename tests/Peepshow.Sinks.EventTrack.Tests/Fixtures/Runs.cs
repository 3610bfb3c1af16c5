using Peepshow.Protocol;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;

namespace Peepshow.Sinks.EventTrack.Tests.Fixtures;

/// <summary>
/// The runs only these specs need (a lean one, a skipped transcript, oversized tags) and the original peepshow's
/// example. The full run they start from is <see cref="RunPayloads.Full"/>, shared with the protocol and the other sinks' specs.
/// </summary>
internal static class Runs
{
    /// <summary><see cref="RunPayloads.CreatedAt"/> in epoch milliseconds, worked out by hand: 1795219199 s (date -u -d …) and 123 ms.</summary>
    public const long CreatedAtEpochMs = 1_795_219_199_123;

    /// <summary>An animated GIF from a producer that knows little: no duration, codec, size, tags, audio.</summary>
    public static RunPayload Lean { get; } = new()
    {
        RunId = "20261120T101010000-gif001",
        CreatedAt = RunPayloads.CreatedAt,
        OutputDir = "/tmp/peepshow-20261120T101010000-gif001",
        Strategy = "fps",
        Frames = [new FrameInfo { Path = "/tmp/peepshow-20261120T101010000-gif001/frame_0001.jpg" }],
        Video = new VideoInfo(),
        Audio = new AudioInfo { Path = null, Transcript = null },
    };

    /// <summary>A run whose transcription failed: the transcript has no language or duration, only the reason.</summary>
    public static RunPayload TranscriptSkipped { get; } = RunPayloads.Full with
    {
        Audio = RunPayloads.Full.Audio! with { SilenceRatio = null, Transcript = new TranscriptInfo { Provider = "openai", SkippedReason = "HTTP 401 from the transcription endpoint" } },
    };

    /// <summary>The full run, but with metadata tags of roughly <paramref name="bytes"/> (a long description, as some encoders write).</summary>
    public static RunPayload WithTagBytes(int bytes) =>
        RunPayloads.Full.WithTags(new Dictionary<string, string>(RunPayloads.Full.Video!.Tags!) { ["description"] = new string('d', bytes) });

    public static byte[] Json(RunPayload payload) => ProtocolJson.SerializeToUtf8(payload);

    /// <summary>The original peepshow's documented payload (no runId, no createdAt, no input).</summary>
    public static byte[] OriginalExample() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "original-example.json"));
}
