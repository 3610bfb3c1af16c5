namespace Peepshow.Core.Transcription;

public sealed record WhisperCppResult
{
    public string? Language { get; init; }
}
