namespace Peepshow.Core.Extraction;

/// <summary>
/// One decoder behind both stages: ffmpeg for everything it can decode, libwebp for animated WebP
/// (which Debian's ffmpeg 5.1 cannot). The run does not care which: everything a source learns during the
/// analysis that extraction needs travels in the <see cref="AnalysisOutcome"/> (docs/extraction.md, "Frame sources").
/// </summary>
public interface IFrameSource
{
    /// <summary>
    /// Decodes the window once, streams its analysis pictures in time order into a <see cref="FrameSelector"/>
    /// built from <see cref="AnalysisRequest.Selection"/>, and returns what it chose with everything
    /// <see cref="ExtractAsync"/> needs: the geometry, the candidates already written, the warnings.
    /// </summary>
    Task<AnalysisOutcome> AnalyseAsync(AnalysisRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the frames of <paramref name="analysis"/>'s selection at full quality as <c>frame_0001.jpg</c>…
    /// in time order, reusing its pre-encoded candidates and deleting the ones that were not chosen.
    /// </summary>
    Task<ExtractionOutcome> ExtractAsync(AnalysisOutcome analysis, ExtractRequest request, CancellationToken cancellationToken);
}
