using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Transcription;

/// <summary>A provider the user asked for that cannot run; it "transcribes" to its skippedReason without doing anything.</summary>
public sealed class UnavailableTranscriber(string name, string? model, string reason) : ITranscriber
{
    public string Name => name;

    public string Model => model ?? "";

    public string Reason => reason;

    public bool NeedsWav => false;

    public Task<TranscriptInfo> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Transcripts.Skipped(name, model, reason));
}
