namespace Peepshow.Core.Transcription;

/// <summary>Which provider a run would use, and why, in words a user can act on (also what <c>peepshow doctor</c> prints).</summary>
/// <param name="Transcriber">Null when transcription is off or nothing is available.</param>
/// <param name="Reason">Why this choice, e.g. <c>whisper-cli found at /usr/local/bin/whisper-cli</c>.</param>
/// <param name="Hint">Set when nothing was found on its own: how to turn transcription on.</param>
public sealed record TranscriberChoice(ITranscriber? Transcriber, string Reason, string? Hint = null)
{
    /// <summary>
    /// True when subtitles in or beside the input replace <see cref="Transcriber"/>: for the automatic choice and
    /// for <c>--transcribe subtitles</c>, never when another provider was asked for by name.
    /// </summary>
    public bool SubtitlesFirst { get; init; }

    /// <summary>A provider was chosen but cannot run as configured (its skippedReason is already known).</summary>
    public string? Problem => (Transcriber as UnavailableTranscriber)?.Reason ?? (Transcriber as OpenAiTranscriber)?.ConfigurationProblem;
}
