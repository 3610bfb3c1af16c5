namespace Peepshow.Protocol.Payload;

public sealed record ExtractionInfo
{
    public string? Strategy { get; init; }

    public double? Threshold { get; init; }

    public double? Fps { get; init; }

    public int? FramesEmitted { get; init; }

    public int? FramesBeforePrune { get; init; }

    public int? FramesPruned { get; init; }

    public int? FramesDeduped { get; init; }

    public int? DedupDistance { get; init; }

    public double? MotionSignalAvg { get; init; }

    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    public string? MotionSignalLevel { get; init; }

    public long? TotalOutputBytes { get; init; }

    public long? AvgFrameBytes { get; init; }

    public double? ElapsedMs { get; init; }

    public string? FfmpegSource { get; init; }

    public string? FfmpegPath { get; init; }
}
