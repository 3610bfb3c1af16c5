using System.Text.RegularExpressions;

namespace Peepshow.Core.Media;

/// <summary>Finds the line in ffmpeg's stderr that says what went wrong, so exit 6 carries ffmpeg's own words.</summary>
public static partial class FfmpegErrors
{
    // Lines ffmpeg prints after the real error that only repeat that something failed.
    private static readonly string[] Epilogues =
    [
        "Conversion failed!", "Error marking filters as finished", "Exiting normally", "Error closing file",
        "Error while filtering", "Error opening output files", "Error opening output file", "Error initializing output stream",
    ];

    /// <summary>The most specific error line, without the <c>[h264 @ 0x…]</c> prefix and with the input path shortened.</summary>
    public static string? LastErrorLine(string stderr, string? inputPath = null)
    {
        var lines = stderr.Split('\n')
            .Select(l => l.TrimEnd('\r').Trim())
            .Where(l => l.Length > 0 && !l.Contains("showinfo", StringComparison.Ordinal))
            .ToList();
        if (lines.Count == 0)
            return null;

        string? pick = null;
        for (var i = lines.Count - 1; i >= 0 && pick is null; i--)
        {
            var line = lines[i];
            if (Epilogues.Any(e => line.StartsWith(e, StringComparison.Ordinal)))
                continue;
            if (LooksLikeError(line))
                pick = line;
        }
        pick ??= lines.LastOrDefault(l => !Epilogues.Any(e => l.StartsWith(e, StringComparison.Ordinal))) ?? lines[^1];

        pick = ContextPrefix().Replace(pick, "");
        if (inputPath is not null)
        {
            pick = pick.Replace(inputPath + ": ", "", StringComparison.Ordinal);
            pick = pick.Replace(inputPath, Path.GetFileName(inputPath), StringComparison.Ordinal);
        }

        // Opening an input ends with "<file>: Invalid data found when processing input" whatever went
        // wrong; the demuxer's own line before it ("[mov,mp4,… @ 0x…] moov atom not found") says what.
        if (pick == "Invalid data found when processing input")
        {
            var specific = lines.LastOrDefault(l => ContextPrefix().IsMatch(l) && !l.Contains("showinfo", StringComparison.Ordinal));
            if (specific is not null)
                pick = ContextPrefix().Replace(specific, "");
        }
        return pick.Length > 300 ? pick[..300] + "…" : pick;
    }

    private static bool LooksLikeError(string line) =>
        line.Contains("rror", StringComparison.Ordinal) || line.Contains("Invalid", StringComparison.Ordinal)
        || line.Contains("No such file", StringComparison.Ordinal) || line.Contains("not found", StringComparison.Ordinal)
        || line.Contains("Permission denied", StringComparison.Ordinal) || line.Contains("nable to", StringComparison.Ordinal)
        || line.Contains("not supported", StringComparison.OrdinalIgnoreCase) || line.Contains("failed", StringComparison.OrdinalIgnoreCase)
        || line.Contains("corrupt", StringComparison.OrdinalIgnoreCase) || line.Contains("truncat", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^(\[[^\]]+ @ 0x[0-9a-fA-F]+\]\s*)+")]
    private static partial Regex ContextPrefix();
}
