using System.Globalization;

namespace Peepshow.Core.Extraction;

/// <summary>Reads <c>--start/--end</c>: seconds (<c>12.5</c>), or clock time (<c>1:05</c>, <c>01:02:03.5</c>).</summary>
public static class TimeParsing
{
    public static bool TryParseSeconds(string text, out double seconds)
    {
        seconds = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        text = text.Trim();
        if (text.EndsWith('s') && !text.Contains(':'))
            text = text[..^1];
        var parts = text.Split(':');
        if (parts.Length > 3)
            return false;
        double total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            if (!double.TryParse(parts[i], last ? NumberStyles.Float & ~NumberStyles.AllowExponent : NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || value < 0 || !double.IsFinite(value) || (i > 0 && value >= 60))
                return false;
            total = total * 60 + value;
        }
        seconds = total;
        return true;
    }
}
