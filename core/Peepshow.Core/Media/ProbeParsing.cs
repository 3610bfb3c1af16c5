using System.Globalization;

namespace Peepshow.Core.Media;

internal static class ProbeParsing
{
    public static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    public static long? Integer(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Parses ffprobe rates such as <c>30000/1001</c>; <c>0/0</c> means unknown.</summary>
    public static double? Rate(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        var slash = text.IndexOf('/');
        if (slash < 0)
            return Number(text) is { } whole && whole > 0 ? whole : null;
        var num = Number(text[..slash]);
        var den = Number(text[(slash + 1)..]);
        return num is > 0 && den is > 0 ? num / den : null;
    }
}
