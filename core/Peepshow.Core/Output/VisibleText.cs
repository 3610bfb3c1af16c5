using System.Globalization;
using System.Text;

namespace Peepshow.Core.Output;

/// <summary>
/// Text from outside (a sink's output line, a run id read from a payload, what the user typed) made safe
/// to print on one terminal line: control characters (NUL, ESC, newlines) and the invisible bidirectional
/// formatting characters (U+202E can make a line read backwards) become <c>\uXXXX</c>.
/// </summary>
public static class VisibleText
{
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
            return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
                escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else
                escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
