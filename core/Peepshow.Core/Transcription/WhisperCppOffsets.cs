namespace Peepshow.Core.Transcription;

public sealed record WhisperCppOffsets
{
    public long From { get; init; }

    public long To { get; init; }
}
