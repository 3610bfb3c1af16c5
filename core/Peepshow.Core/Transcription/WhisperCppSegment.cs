namespace Peepshow.Core.Transcription;

public sealed record WhisperCppSegment
{
    public WhisperCppOffsets? Offsets { get; init; }

    public string? Text { get; init; }
}
