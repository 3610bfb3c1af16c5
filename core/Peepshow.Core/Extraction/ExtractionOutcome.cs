namespace Peepshow.Core.Extraction;

/// <summary>The written frames, and the frames that could not be written with ffmpeg's reason.</summary>
/// <param name="Seeks">Frames that had to be extracted with an input seek: each one decoded part of the video again.</param>
public sealed record ExtractionOutcome(IReadOnlyList<ExtractedFrame> Frames, IReadOnlyList<string> Warnings, int Seeks = 0);
