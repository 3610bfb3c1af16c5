namespace Peepshow.Core.Transcription;

/// <summary>The verbose_json (or plain json) answer of <c>/v1/audio/transcriptions</c>.</summary>
public sealed record OpenAiTranscriptionJson
{
    public string? Text { get; init; }

    public string? Language { get; init; }

    public double? Duration { get; init; }

    public IReadOnlyList<OpenAiSegmentJson>? Segments { get; init; }
}
