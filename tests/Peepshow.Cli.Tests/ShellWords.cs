using System.Text;

namespace Peepshow.Cli.Tests;

/// <summary>
/// Splits a documented command line into words the way sh does for the cases docs use: single and double quotes,
/// backslash escapes, <c>#</c> comments, and <c>|</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>;</c>, <c>&gt;</c> as words of their own.
/// </summary>
public static class ShellWords
{
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'' || c == '"')
            {
                var end = line.IndexOf(c, i + 1);
                if (end < 0)
                    end = line.Length;
                word.Append(line, i + 1, end - i - 1);
                inWord = true;
                i = end;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else if (char.IsWhiteSpace(c) || c is '|' or ';' or '&' or '>')
            {
                if (inWord)
                    words.Add(word.ToString());
                word.Clear();
                inWord = false;
                if (!char.IsWhiteSpace(c))
                {
                    var op = i + 1 < line.Length && line[i + 1] == c && c != ';' ? $"{c}{c}" : c.ToString();
                    words.Add(op);
                    i += op.Length - 1;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
            words.Add(word.ToString());
        return words;
    }
}
