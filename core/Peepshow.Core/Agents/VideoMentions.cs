using System.Text;
using System.Text.RegularExpressions;
using Peepshow.Core.Inputs;

namespace Peepshow.Core.Agents;

/// <summary>
/// Finds the videos and animated images a prompt refers to, from names alone (no ffprobe), fast enough
/// to run before every prompt. Files dragged into a terminal arrive as absolute paths, plain, quoted
/// (<c>'/a/my clip.mov'</c>) or shell-escaped (<c>/a/my\ clip\ \&amp;\ more.mov</c>), so every way a
/// shell could read the text before a video extension is tried against the file system; only files
/// that exist count. URLs count when their path ends in a video extension, or when they are a link into a known
/// video site (<see cref="VideoSites"/>: YouTube, Vimeo, …) that names something there: an ordinary link (a blog
/// post, a repository, a site's own home page) is never taken for a video.
/// </summary>
public static partial class VideoMentions
{
    /// <summary>More mentions than this in one prompt are ignored: the hook lists a handful, not a folder.</summary>
    public const int MaxMentions = 10;

    // Bounds the work on a huge pasted prompt: each candidate is one stat call.
    private const int MaxCandidates = 4000;
    private const int MaxPathLength = 4096;

    private static readonly int LongestExtension = MediaExtensions.Video.Concat(MediaExtensions.Sometimes).Max(e => e.Length);

    public static IReadOnlyList<VideoMention> Find(string prompt, string cwd, string? home = null)
    {
        // Kept with their position, so they are listed in the order the prompt names them.
        var found = new List<(int Position, VideoMention Mention)>();
        void Add(int position, VideoMention mention)
        {
            if (!found.Exists(f => f.Mention.Input == mention.Input))
                found.Add((position, mention));
        }

        foreach (Match url in UrlPattern().Matches(prompt))
        {
            var text = url.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '\'', '"', '`');
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (MediaExtensions.IsVideoName(Uri.UnescapeDataString(uri.AbsolutePath)) || IsVideoPageLink(uri)))
                Add(url.Index, new VideoMention(text, IsUrl: true));
        }

        var budget = MaxCandidates;
        var searchedUpTo = 0;
        foreach (var (dot, stop) in ExtensionEnds(prompt))
        {
            if (budget <= 0)
                break;
            if (dot < searchedUpTo || IsInsideUrl(prompt, dot))
                continue;
            // Nearest start first: "compare /a/x.mp4 with /b/y.mp4" must not read as one long name.
            for (var start = dot - 1; start >= searchedUpTo && budget > 0; start--)
            {
                if (stop - start > MaxPathLength)
                    break;
                if (!CanStartPath(prompt, start))
                    continue;
                if (Resolve(prompt[start..stop], prompt, stop, cwd, home, ref budget) is { } path)
                {
                    Add(start, new VideoMention(path, IsUrl: false));
                    searchedUpTo = stop;
                    break;
                }
            }
        }
        return [.. found.OrderBy(f => f.Position).Take(MaxMentions).Select(f => f.Mention)];
    }

    /// <summary>The ways a shell could read <paramref name="raw"/>: as typed, unescaped, and with a closing quote right after it.</summary>
    private static string? Resolve(string raw, string prompt, int stop, string cwd, string? home, ref int budget)
    {
        string?[] readings =
        [
            raw,
            ShellUnquote(raw),
            stop < prompt.Length && prompt[stop] is '\'' or '"' ? ShellUnquote(raw + prompt[stop]) : null,
        ];
        foreach (var reading in readings.Distinct())
        {
            if (string.IsNullOrEmpty(reading) || budget-- <= 0)
                continue;
            if (ToFullPath(reading, cwd, home) is { } full && MediaExtensions.IsVideoFile(full))
                return full;
        }
        return null;
    }

    private static string? ToFullPath(string path, string cwd, string? home)
    {
        if (path.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            return Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : null;
        if (path.StartsWith("~/", StringComparison.Ordinal))
            return home is null ? null : Path.Combine(home, path[2..]);
        if (path.IndexOf('\0') >= 0)
            return null;
        if (Path.IsPathRooted(path))
            return Path.GetFullPath(path);
        return Path.IsPathRooted(cwd) ? Path.GetFullPath(Path.Combine(cwd, path)) : null;
    }

    /// <summary>
    /// A path can start at the beginning of the prompt, after white space or an opening bracket, at a
    /// quote, or right after one. An escaped space (<c>\ </c>) does not end a word, so no path starts after it.
    /// </summary>
    private static bool CanStartPath(string text, int i)
    {
        if (i == 0 || text[i] is '\'' or '"')
            return true;
        var before = text[i - 1];
        if (char.IsWhiteSpace(before))
            return !(i >= 2 && text[i - 2] == '\\');
        return before is '\'' or '"' or '`' or '(' or '[' or '<' or '{' or '=';
    }

    /// <summary>Reads a word as a POSIX shell would: <c>'…'</c> literal, <c>"…"</c> with <c>\"</c> and <c>\\</c>, <c>\x</c> is x.</summary>
    private static string? ShellUnquote(string word)
    {
        var result = new StringBuilder(word.Length);
        var i = 0;
        while (i < word.Length)
        {
            var c = word[i];
            if (c == '\\' && i + 1 < word.Length)
            {
                result.Append(word[i + 1]);
                i += 2;
            }
            else if (c == '\'')
            {
                var close = word.IndexOf('\'', i + 1);
                if (close < 0)
                    return null;
                result.Append(word, i + 1, close - i - 1);
                i = close + 1;
            }
            else if (c == '"')
            {
                i++;
                while (i < word.Length && word[i] != '"')
                {
                    if (word[i] == '\\' && i + 1 < word.Length && word[i + 1] is '"' or '\\' or '$' or '`')
                        i++;
                    result.Append(word[i]);
                    i++;
                }
                if (i >= word.Length)
                    return null;
                i++;
            }
            else
            {
                result.Append(c);
                i++;
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// Each dot followed by a video extension (<see cref="MediaExtensions"/>) that ends a word: white
    /// space, a quote, punctuation, a sentence's full stop or the end of the text come next.
    /// </summary>
    private static IEnumerable<(int Dot, int Stop)> ExtensionEnds(string text)
    {
        for (var dot = text.IndexOf('.'); dot >= 0; dot = text.IndexOf('.', dot + 1))
        {
            var stop = dot + 1;
            while (stop < text.Length && char.IsAsciiLetterOrDigit(text[stop]))
                stop++;
            // Most dots in prose and pasted logs are not followed by a short word: no string to look up.
            if (stop - dot - 1 < 2 || stop - dot - 1 > LongestExtension)
                continue;
            var extension = text[(dot + 1)..stop];
            if (!(MediaExtensions.Video.Contains(extension) || MediaExtensions.Sometimes.Contains(extension)))
                continue;
            if (stop == text.Length || IsWordEnd(text[stop]) || (text[stop] == '.' && (stop + 1 == text.Length || char.IsWhiteSpace(text[stop + 1]))))
                yield return (dot, stop);
        }
    }

    private static bool IsWordEnd(char c) => char.IsWhiteSpace(c) || c is '\'' or '"' or '`' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '>';

    /// <summary>True when the word holding <paramref name="index"/> is an http(s) URL: those are matched as URLs.</summary>
    /// <summary>A page on a known video site other than its home page: <c>youtu.be/ID</c>, <c>youtube.com/watch?v=…</c>, <c>vimeo.com/76979871</c>.</summary>
    private static bool IsVideoPageLink(Uri uri) => VideoSites.IsVideoPage(uri) && uri.AbsolutePath.Trim('/').Length > 0;

    private static bool IsInsideUrl(string text, int index)
    {
        var wordStart = text.LastIndexOfAny([' ', '\t', '\n', '\r', '"', '\'', '`', '<', '('], index) + 1;
        var word = text.AsSpan(wordStart, index - wordStart);
        return word.Contains("http://", StringComparison.OrdinalIgnoreCase) || word.Contains("https://", StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"https?://[^\s""'<>`\\]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
