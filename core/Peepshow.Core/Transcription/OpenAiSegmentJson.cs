namespace Peepshow.Core.Transcription;

public sealed record OpenAiSegmentJson
{
    public double Start { get; init; }

    public double End { get; init; }

    public string? Text { get; init; }
}
