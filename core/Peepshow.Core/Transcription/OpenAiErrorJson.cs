namespace Peepshow.Core.Transcription;

/// <summary><c>{"error": {"message", "type", "code"}}</c>, the error body OpenAI-compatible servers send.</summary>
public sealed record OpenAiErrorJson
{
    public OpenAiErrorDetail? Error { get; init; }
}
