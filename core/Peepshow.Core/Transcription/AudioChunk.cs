namespace Peepshow.Core.Transcription;

/// <summary>A piece of the audio and where it starts in the whole, in seconds.</summary>
public sealed record AudioChunk(string Path, double StartSeconds);
