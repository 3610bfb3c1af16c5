namespace Peepshow.Core.Extraction;

/// <summary>One written frame: <c>frame_0001.jpg</c>…, numbered in time order.</summary>
public sealed record ExtractedFrame(int Index, string Path, long Bytes, double TimestampSeconds, string Reason);
