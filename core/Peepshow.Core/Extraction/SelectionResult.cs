namespace Peepshow.Core.Extraction;

/// <summary>The selector's answer and the numbers behind it (payload <c>extraction</c>).</summary>
public sealed record SelectionResult
{
    public required IReadOnlyList<SelectedFrame> Frames { get; init; }

    public int FramesAnalysed { get; init; }

    public int FramesBeforePrune { get; init; }

    public int FramesPruned { get; init; }

    public int FramesDeduped { get; init; }

    public int FallbackFramesAdded { get; init; }

    /// <summary>Mean dHash distance between consecutive kept frames.</summary>
    public double MotionSignalAvg { get; init; }

    public string MotionSignalLevel => MotionSignalAvg < 6 ? "low" : MotionSignalAvg < 15 ? "medium" : "high";

    /// <summary>Time of the first and last analysed frame: the span actually covered.</summary>
    public double? FirstTimestamp { get; init; }

    public double? LastTimestamp { get; init; }
}
