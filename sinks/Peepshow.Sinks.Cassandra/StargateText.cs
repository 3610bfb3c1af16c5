namespace Peepshow.Sinks.Cassandra;

/// <summary>
/// How a text value must travel so Stargate stores it exactly as given, on both Stargate generations.
/// <para>
/// Stargate treats every JSON string as a possible CQL literal. v2 (<c>StringifiedValueUtil.handleSingleQuotes</c>):
/// a string of 2+ characters that starts and ends with <c>'</c> loses those quotes and has <c>''</c> turned into
/// <c>'</c>, so a title <c>'quoted'</c> would be stored as <c>quoted</c>. v1 (<c>Converters.toCqlValue</c>) first
/// trims whitespace (so a Whisper transcript's leading space vanishes), then does the same unquoting, and a
/// lone <c>'</c> makes it fail outright.
/// </para>
/// <para>
/// Both generations undo the CQL-literal form exactly: <c>'</c> + value with every <c>'</c> doubled + <c>'</c>.
/// Sending that form for every value would be safe on real Stargate, but would corrupt every value on a server
/// that does not unquote, so it is used only where the plain form would not survive: the value starts and
/// ends with <c>'</c>, or starts or ends with a character Java's <c>String.trim()</c> removes (≤ U+0020).
/// Everything else (nearly every real title and transcript) is sent untouched.
/// </para>
/// </summary>
internal static class StargateText
{
    public static string Encode(string value) =>
        NeedsLiteralForm(value) ? "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'" : value;

    public static bool NeedsLiteralForm(string value) =>
        value.Length > 0
        && ((value[0] == '\'' && value[^1] == '\'') || IsJavaTrimmed(value[0]) || IsJavaTrimmed(value[^1]));

    // java.lang.String.trim() removes every char <= U+0020 from both ends (not just whitespace).
    private static bool IsJavaTrimmed(char c) => c <= ' ';
}
