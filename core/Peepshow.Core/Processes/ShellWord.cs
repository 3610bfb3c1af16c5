using System.Text;

namespace Peepshow.Core.Processes;

/// <summary>
/// Shell words both ways: <see cref="Quote"/> writes an argument so that <c>/bin/sh</c> reads it back exactly (for
/// command lines shown to people and agents), <see cref="Split"/> reads arguments written that way from a setting.
/// </summary>
public static class ShellWord
{
    /// <summary>The argument as is when it holds only characters no shell treats specially, else single-quoted.</summary>
    public static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%".Contains(c))
            ? arg
            : $"'{arg.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>
    /// Splits <paramref name="text"/> into words the way <c>/bin/sh</c> would, without running anything: blanks
    /// separate words; <c>'…'</c> keeps everything literally; <c>"…"</c> keeps everything but <c>\"</c>, <c>\\</c>,
    /// <c>\$</c> and <c>\`</c>; a backslash outside quotes keeps the next character. Nothing is expanded
    /// (<c>$HOME</c>, <c>~</c> and <c>*</c> stay as written). Null, with <paramref name="error"/> saying why, for a
    /// quote that is never closed or a trailing backslash.
    /// </summary>
    public static IReadOnlyList<string>? Split(string text, out string? error)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                        words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        error = "a single quote is never closed";
                        return null;
                    }
                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i++;
                    while (i < text.Length && text[i] != '"')
                    {
                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
                            i++;
                        word.Append(text[i]);
                        i++;
                    }
                    if (i >= text.Length)
                    {
                        error = "a double quote is never closed";
                        return null;
                    }
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 >= text.Length)
                    {
                        error = "it ends with a backslash";
                        return null;
                    }
                    i++;
                    // Like sh, a backslash before a line break joins the lines.
                    if (text[i] != '\n')
                    {
                        word.Append(text[i]);
                        inWord = true;
                    }
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        error = null;
        return words;
    }
}
