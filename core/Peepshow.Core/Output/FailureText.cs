namespace Peepshow.Core.Output;

/// <summary>
/// How a failed run is told, the same on the CLI's stderr and in an MCP tool's error result: <c>peepshow: message</c>
/// on one line, then <c>peepshow: hint: …</c> when there is a next step (unless <c>PEEPSHOW_NO_HINTS=1</c>).
/// </summary>
public static class FailureText
{
    public const string BugHint = "this is a bug; please report it with the command you ran";

    /// <summary>An expected failure (<see cref="PeepshowException"/>): its message and its hint.</summary>
    public static IReadOnlyList<string> Lines(PeepshowException ex, Func<string, string?> env) =>
        WithHint($"peepshow: {OneLine(ex.Message)}", ex.Hint, env);

    /// <summary>Anything else is a bug: the exception's type and message, and where to report it.</summary>
    public static IReadOnlyList<string> Unexpected(Exception ex, Func<string, string?> env) =>
        WithHint($"peepshow: unexpected error ({ex.GetType().Name}): {OneLine(ex.Message)}", BugHint, env);

    /// <summary>Multi-line messages (System.CommandLine lists allowed values on tab-indented lines) joined into one.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static IReadOnlyList<string> WithHint(string line, string? hint, Func<string, string?> env) =>
        !string.IsNullOrWhiteSpace(hint) && Hints.Enabled(env) ? [line, $"peepshow: hint: {hint}"] : [line];
}
