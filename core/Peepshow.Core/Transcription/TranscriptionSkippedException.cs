namespace Peepshow.Core.Transcription;

/// <summary>An expected reason a provider produced no transcript. The message is the user-facing <c>skippedReason</c>.</summary>
public sealed class TranscriptionSkippedException(string reason, Exception? inner = null) : Exception(reason, inner);
