using System.Globalization;

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

public sealed record VideoStreamInfo
{
    public int Index { get; init; }

    public string? Codec { get; init; }

    /// <summary>Display width: already swapped with the height for 90° rotated phone videos.</summary>
    public int Width { get; init; }

    public int Height { get; init; }

    /// <summary>Some streams only reveal their size once decoded; then nothing may rely on it.</summary>
    public bool HasKnownSize => Width > 0 && Height > 0;

    public double? Fps { get; init; }

    public double? DurationSeconds { get; init; }

    public double? BitrateKbps { get; init; }

    public long? FrameCount { get; init; }

    public int Rotation { get; init; }

    /// <summary>Pixel aspect (anamorphic DVD, HDV); width and height above are already the display size.</summary>
    public double SampleAspectRatio { get; init; } = 1;
}

internal static class ProbeParsing
{
    public static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    public static long? Integer(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Parses ffprobe rates such as <c>30000/1001</c>; <c>0/0</c> means unknown.</summary>
    public static double? Rate(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var slash = text.IndexOf('/');
        if (slash < 0)
            return Number(text) is { } whole && whole > 0 ? whole : null;
        var num = Number(text[..slash]);
        var den = Number(text[(slash + 1)..]);
        return num is > 0 && den is > 0 ? num / den : null;
    }
}
