namespace Peepshow.Core.Sinks;

/// <summary>
/// Shell-style wildcards for <c>--when filename=</c> and <c>path=</c>: <c>*</c> is any run of characters
/// (including <c>/</c>), <c>?</c> exactly one; everything else is literal. At worst text × pattern steps,
/// never a regex's exponential backtracking, so a hostile pattern in sinks.json cannot stall a run.
/// </summary>
public static class Glob
{
    public static bool HasWildcards(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    public static bool IsMatch(string text, string pattern, StringComparison comparison = StringComparison.Ordinal)
    {
        int t = 0, p = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || string.Compare(text, t, pattern, p, 1, comparison) == 0))
            {
                t++;
                p++;
            }
            else if (starP >= 0)
            {
                // Let the last star swallow one more character and try again from there.
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }
}
