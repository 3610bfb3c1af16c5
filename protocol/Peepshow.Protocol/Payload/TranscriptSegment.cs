namespace Peepshow.Protocol.Payload;

public sealed record TranscriptSegment(double Start, double End, string Text);
