namespace Peepshow.Core.Transcription;

/// <summary>An OpenAI-compatible service: where it lives, which variable holds its key, its default model.</summary>
public sealed record OpenAiPreset(string Name, string DefaultEndpoint, string KeyVariable, string DefaultModel)
{
    public static readonly OpenAiPreset OpenAi = new("openai", "https://api.openai.com", TranscriptionEnv.OpenAiApiKey, "whisper-1");

    public static readonly OpenAiPreset Groq = new("groq", "https://api.groq.com/openai", TranscriptionEnv.GroqApiKey, "whisper-large-v3-turbo");
}
