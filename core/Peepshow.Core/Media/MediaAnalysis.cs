namespace Peepshow.Core.Media;

/// <summary>What ffprobe says about an input, reduced to what extraction and the payload need.</summary>
public sealed record MediaAnalysis
{
    /// <summary>ffprobe's raw format name, e.g. <c>mov,mp4,m4a,3gp,3g2,mj2</c>.</summary>
    public required string FormatName { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>The container's start time; stream timestamps are shifted by it.</summary>
    public double StartTimeSeconds { get; init; }

    public long? SizeBytes { get; init; }

    public double? BitrateKbps { get; init; }

    /// <summary>Container metadata without the boilerplate keys (docs/payload.schema.json), curated keys first.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The first real video stream (cover art excluded); null for audio-only files.</summary>
    public VideoStreamInfo? Video { get; init; }

    public bool HasAudio { get; init; }

    /// <summary>Every subtitle stream, in file order (text and picture-based alike).</summary>
    public IReadOnlyList<SubtitleStreamInfo> SubtitleStreams { get; init; } = [];

    /// <summary>Single-picture formats (png, jpeg, bmp...) that peepshow does not treat as video.</summary>
    public bool IsStillImage { get; init; }

    /// <summary>GIF, APNG, animated WebP: no audio pass, seeking by decoding from the start.</summary>
    public bool IsAnimatedImage { get; init; }

    /// <summary>ffprobe's release (the ffmpeg next to it is the same one), read in the same call.</summary>
    public FfmpegVersion ToolVersion { get; init; } = FfmpegVersion.Unknown;

    /// <summary>Frames ffprobe counted, or duration × fps.</summary>
    public long? EstimatedTotalFrames =>
        Video?.FrameCount ?? (DurationSeconds is { } d && Video?.Fps is { } fps && fps > 0 ? (long)Math.Round(d * fps) : null);
}
