namespace Peepshow.Protocol.Payload;

public sealed record AudioInfo
{
    /// <summary>Absolute path of <c>audio.m4a</c>; null when the input has no audio or audio was disabled.</summary>
    public string? Path { get; init; }

    public double? DurationSeconds { get; init; }

    public string? Codec { get; init; }

    public int? SampleRateHz { get; init; }

    public int? Channels { get; init; }

    public double? PeakDbfs { get; init; }

    public double? SilenceRatio { get; init; }

    public TranscriptInfo? Transcript { get; init; }
}
