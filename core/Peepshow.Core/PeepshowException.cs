namespace Peepshow.Core;

/// <summary>
/// An expected failure of a run: the CLI prints <see cref="Exception.Message"/> as one stderr line
/// (no stack trace) and exits with <see cref="ExitCode"/>. Anything else is a bug and exits 1.
/// </summary>
public sealed class PeepshowException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Optional next step for the user, printed as a hint unless PEEPSHOW_NO_HINTS=1.</summary>
    public string? Hint { get; init; }
}
