namespace Peepshow.Core.Transcription;

public sealed record CustomSegmentJson
{
    public double Start { get; init; }

    public double End { get; init; }

    public string? Text { get; init; }
}
