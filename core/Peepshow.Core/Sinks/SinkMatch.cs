using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Sinks;

/// <summary>
/// Decides whether an auto-sink's <c>--when</c> clauses match a run. Clauses AND, values inside one
/// clause OR. Case rules (documented in docs/PLUGINS.md):
/// <list type="bullet">
/// <item><c>extension</c>/<c>ext</c>, <c>container</c>, <c>codec</c>: case-insensitive; a leading dot on an extension is ignored;
/// <c>container</c> also matches one name of ffprobe's list (<c>mp4</c> matches <c>mov,mp4,m4a,3gp,3g2,mj2</c>).</item>
/// <item><c>filename</c> (glob on the file name) and <c>path</c> (substring, or glob when it has <c>*</c>/<c>?</c>): case-sensitive, like the filesystem.</item>
/// <item>any other key is a video tag: the key is found case-insensitively (MKV writes <c>TITLE</c>, MP4 <c>title</c>),
/// the value must be exactly equal, case included.</item>
/// <item>keys themselves are case-insensitive (<c>EXT=mp4</c> works).</item>
/// </list>
/// A clause about something the run does not have (no path for stdin or data-URI input, no tag of that
/// name, unknown codec) does not match: a conditional sink fires only when its condition is known to hold.
/// </summary>
public static class SinkMatch
{
    public static readonly IReadOnlyList<string> BuiltInKeys = ["extension", "ext", "filename", "path", "container", "codec"];

    /// <summary>Null when every clause matches, else the first clause that did not and why.</summary>
    public static string? Mismatch(IReadOnlyList<WhenClause> clauses, RunPayload payload)
    {
        foreach (var clause in clauses)
        {
            var (actual, what) = Subject(clause.Key, payload);
            if (actual is null)
                return $"{clause}: {what} unknown";
            if (!clause.Values.Any(v => Matches(clause.Key, actual, v)))
                return $"{clause}: {what} is '{actual}'";
        }
        return null;
    }

    public static bool IsMatch(IReadOnlyList<WhenClause> clauses, RunPayload payload) => Mismatch(clauses, payload) is null;

    private static (string? Actual, string What) Subject(string key, RunPayload payload)
    {
        var input = payload.Input;
        return Normalize(key) switch
        {
            "extension" => (ExtensionOf(input), "extension"),
            "filename" => (input?.Filename ?? (input?.Path is { } p ? Path.GetFileName(p) : null), "filename"),
            // A URL is where the video came from, so path= can pick URLs too; stdin and data URIs have none.
            "path" => (input?.Kind switch { "path" => input.Path, "url" => input.Url ?? input.Path, _ => null }, "path"),
            "container" => (payload.Video?.Container, "container"),
            "codec" => (payload.Video?.Codec, "codec"),
            _ => (TagValue(payload.Video?.Tags, key), $"tag {key}"),
        };
    }

    private static bool Matches(string key, string actual, string wanted) => Normalize(key) switch
    {
        "extension" => string.Equals(actual, wanted.TrimStart('.'), StringComparison.OrdinalIgnoreCase),
        "filename" => Glob.IsMatch(actual, wanted),
        "path" => Glob.HasWildcards(wanted) ? Glob.IsMatch(actual, wanted) : actual.Contains(wanted, StringComparison.Ordinal),
        "container" => string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase)
            || actual.Split(',').Contains(wanted, StringComparer.OrdinalIgnoreCase),
        "codec" => string.Equals(actual, wanted, StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(actual, wanted, StringComparison.Ordinal),
    };

    private static string Normalize(string key)
    {
        var lower = key.ToLowerInvariant();
        return lower == "ext" ? "extension" : BuiltInKeys.Contains(lower) ? lower : "tag";
    }

    private static string? ExtensionOf(InputInfo? input)
    {
        if (!string.IsNullOrEmpty(input?.Extension))
            return input.Extension.TrimStart('.');
        var name = input?.Filename ?? input?.Path;
        var ext = name is null ? "" : Path.GetExtension(name).TrimStart('.');
        return ext.Length > 0 ? ext : null;
    }

    private static string? TagValue(IReadOnlyDictionary<string, string>? tags, string key)
    {
        if (tags is null)
            return null;
        if (tags.TryGetValue(key, out var exact))
            return exact;
        return tags.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
