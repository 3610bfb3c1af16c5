namespace Peepshow.Core.Inputs;

/// <summary>
/// File extensions that name a video or an animated image, for callers that must decide from a name
/// alone (the Claude Code prompt hook: no ffprobe, milliseconds). ffmpeg still probes the content of
/// anything that is actually extracted.
/// </summary>
public static class MediaExtensions
{
    /// <summary>Extensions that always mean video or an animated image.</summary>
    public static IReadOnlySet<string> Video { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "mp4", "m4v", "mov", "qt", "webm", "mkv", "avi", "wmv", "flv", "mpg", "mpeg", "m2ts", "mts",
        "ogv", "3gp", "3g2", "gif", "apng",
    };

    /// <summary>
    /// Extensions that are only sometimes video: <c>.ts</c> is also TypeScript, <c>.png</c> and
    /// <c>.webp</c> are mostly still pictures. Their first bytes decide (<see cref="IsVideoFile"/>).
    /// </summary>
    public static IReadOnlySet<string> Sometimes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ts", "png", "webp",
    };

    /// <summary>The extension without its dot, lower case; null when the name has none.</summary>
    public static string? Of(string name)
    {
        var extension = Path.GetExtension(name);
        return extension.Length > 1 ? extension[1..].ToLowerInvariant() : null;
    }

    /// <summary>True when the name alone says video (URLs, where the bytes are not at hand).</summary>
    public static bool IsVideoName(string name) => Of(name) is { } extension && Video.Contains(extension);

    /// <summary>
    /// True when <paramref name="path"/> is an existing file whose name says video, or whose name is
    /// one of <see cref="Sometimes"/> and whose first bytes are an MPEG transport stream, an APNG or an
    /// animated WebP. Never throws: an unreadable file is not a video here.
    /// </summary>
    public static bool IsVideoFile(string path)
    {
        if (Of(path) is not { } extension || !File.Exists(path))
            return false;
        if (Video.Contains(extension))
            return true;
        if (!Sometimes.Contains(extension))
            return false;
        try
        {
            var head = MediaSniffer.ReadHead(path);
            return extension switch
            {
                "ts" => MediaSniffer.Extension(head) == "ts",
                "png" => MediaSniffer.Extension(head) == "apng",
                _ => MediaSniffer.IsAnimatedWebP(head),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
