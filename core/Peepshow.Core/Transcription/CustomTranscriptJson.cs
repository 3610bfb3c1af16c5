namespace Peepshow.Core.Transcription;

/// <summary>What a custom command prints: <c>{segments:[{start,end,text}], text, language?, model?}</c>.</summary>
public sealed record CustomTranscriptJson
{
    public IReadOnlyList<CustomSegmentJson>? Segments { get; init; }

    public string? Text { get; init; }

    public string? Language { get; init; }

    public string? Model { get; init; }
}
