namespace Peepshow.Core.Extraction;

/// <summary>A frame the selector chose, before extraction.</summary>
public sealed record SelectedFrame(double TimestampSeconds, string Reason, PerceptualHash Hash)
{
    /// <summary>Position in the decoded stream; the WebP extractor uses it to find the frame again.</summary>
    public int SourceIndex { get; init; }

    /// <summary>Order in which the selector kept it (before sorting and pruning); matches <see cref="IKeptFrameSink.Accept"/>.</summary>
    public int CandidateId { get; init; }
}
