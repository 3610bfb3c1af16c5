namespace Peepshow.Core.Inputs;

/// <summary>
/// A <c>data:video/…;base64,…</c> or <c>data:image/(gif|apng|webp|png);base64,…</c> URI, the form agents
/// use to hand over small clips without a file. Anything else is refused with the reason.
/// </summary>
public sealed record DataUri(string MediaType, string Extension, byte[] Bytes)
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["video/mp4"] = "mp4",
        ["video/quicktime"] = "mov",
        ["video/webm"] = "webm",
        ["video/x-matroska"] = "mkv",
        ["video/matroska"] = "mkv",
        ["video/x-msvideo"] = "avi",
        ["video/avi"] = "avi",
        ["video/mpeg"] = "mpg",
        ["video/ogg"] = "ogv",
        ["video/3gpp"] = "3gp",
        ["video/3gpp2"] = "3g2",
        ["video/x-flv"] = "flv",
        ["video/mp2t"] = "ts",
        ["video/x-m4v"] = "m4v",
        ["video/x-ms-wmv"] = "wmv",
        ["image/gif"] = "gif",
        ["image/apng"] = "apng",
        ["image/vnd.mozilla.apng"] = "apng",
        ["image/png"] = "png",
        ["image/webp"] = "webp",
    };

    public static DataUri Parse(string uri)
    {
        var comma = uri.IndexOf(',');
        if (!uri.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0)
            throw Malformed("expected data:<type>;base64,<bytes>");
        var header = uri[5..comma];
        var parts = header.Split(';', StringSplitOptions.TrimEntries);
        var mediaType = parts[0].ToLowerInvariant();
        if (!parts.Skip(1).Any(p => p.Equals("base64", StringComparison.OrdinalIgnoreCase)))
            throw Malformed("only base64 data URIs are supported (data:<type>;base64,…)");
        if (mediaType.Length == 0)
            throw Malformed("the media type is missing (data:video/mp4;base64,…)");
        if (!(mediaType.StartsWith("video/", StringComparison.Ordinal) || mediaType is "image/gif" or "image/apng" or "image/vnd.mozilla.apng" or "image/png" or "image/webp"))
            throw Malformed($"'{mediaType}' is not a video or animated image type (video/*, image/gif, image/apng, image/webp, image/png)");

        byte[] bytes;
        try
        {
            // Agents sometimes wrap long base64 or use the URL-safe alphabet; both are unambiguous.
            var payload = Uri.UnescapeDataString(uri[(comma + 1)..]).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)
                .Replace('-', '+').Replace('_', '/');
            if (payload.Length % 4 != 0)
                payload = payload.PadRight(payload.Length + (4 - payload.Length % 4), '=');
            bytes = Convert.FromBase64String(payload);
        }
        catch (FormatException)
        {
            throw Malformed("the base64 payload is not valid base64");
        }
        if (bytes.Length == 0)
            throw Malformed("the payload is empty");
        return new DataUri(mediaType, ExtensionFor(mediaType) ?? "bin", bytes);
    }

    public static string? ExtensionFor(string mediaType)
    {
        if (Extensions.TryGetValue(mediaType, out var ext))
            return ext;
        if (!mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase))
            return null;
        var sub = new string(mediaType[6..].Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
        return sub.Length is > 0 and <= 8 ? sub : null;
    }

    private static PeepshowException Malformed(string why) => new(ExitCodes.InputUnresolvable, $"malformed data URI: {why}");
}
