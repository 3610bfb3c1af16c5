using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Output;

/// <summary>A frame on the timeline and what was said while it was on screen.</summary>
/// <param name="Index">The frame's 1-based index (its position when the payload has none).</param>
/// <param name="Seconds">When it appears; estimated from the duration when the payload has no timestamps.</param>
/// <param name="Said">The transcript segments that start while it is on screen, in time order.</param>
public sealed record TimelineEntry(FrameInfo Frame, int Index, double Seconds, bool Estimated, IReadOnlyList<TranscriptSegment> Said);
