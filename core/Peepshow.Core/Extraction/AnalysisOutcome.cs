namespace Peepshow.Core.Extraction;

/// <summary>
/// Everything an analysis produced, handed to <see cref="IFrameSource.ExtractAsync"/> explicitly: a source keeps
/// no state between the two stages.
/// </summary>
public sealed record AnalysisOutcome
{
    /// <summary>The selector's answer: the frames to write and the numbers behind them.</summary>
    public required SelectionResult Selection { get; init; }

    /// <summary>The sizes the frames were analysed and are written at.</summary>
    public required FrameGeometry Geometry { get; init; }

    /// <summary>
    /// Kept frames already written during the decode, by <see cref="SelectedFrame.CandidateId"/>: hidden
    /// <c>.cand_00001.jpg</c>… files in the output folder. Extraction renames the chosen ones and deletes the rest.
    /// </summary>
    public IReadOnlyDictionary<int, string> EncodedCandidates { get; init; } = new Dictionary<int, string>();

    /// <summary>
    /// For sources that find a chosen frame again by decoding once more (animated WebP): the source's own
    /// frame number of every analysis picture, indexed by <see cref="SelectedFrame.SourceIndex"/>. Empty otherwise.
    /// </summary>
    public IReadOnlyList<int> SourceFrames { get; init; } = [];

    /// <summary>Problems that did not stop the analysis (a decode that ended early, a failed encoder); they reach the manifest and stderr.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
