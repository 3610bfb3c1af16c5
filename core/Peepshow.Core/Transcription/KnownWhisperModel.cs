namespace Peepshow.Core.Transcription;

/// <summary>The exact size and SHA-256 of one published ggml model file.</summary>
public sealed record KnownWhisperModel(string Name, long Bytes, string Sha256);
