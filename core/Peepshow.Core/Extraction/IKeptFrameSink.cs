namespace Peepshow.Core.Extraction;

/// <summary>
/// Takes the full-size picture of each frame the <see cref="FrameSelector"/> keeps, while the decode is still
/// running, so a source can write kept frames without decoding them again. Pictures of frames that are not
/// kept never reach it: the selector releases them when they leave its look-ahead window (or its
/// <c>--min</c> fallback reservoir).
/// </summary>
public interface IKeptFrameSink
{
    /// <summary>
    /// Called on the decoding thread; owns <paramref name="picture"/> from then on and disposes it when done.
    /// <paramref name="candidateId"/> is the kept frame's <see cref="SelectedFrame.CandidateId"/>.
    /// </summary>
    void Accept(int candidateId, PooledFrame picture);
}
