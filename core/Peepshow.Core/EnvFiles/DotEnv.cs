using System.Text;

namespace Peepshow.Core.EnvFiles;

/// <summary>
/// Reads dotenv text (docs/configuration.md). One <c>NAME=value</c> per line; blank lines and lines starting with
/// <c>#</c> are skipped; an <c>export </c> prefix is allowed; spaces around <c>=</c> are ignored.
/// <list type="bullet">
/// <item>Unquoted values run to the end of the line, trailing spaces removed; a <c>#</c> after a space or tab starts a comment.</item>
/// <item>Single-quoted values are taken literally, may span lines, and have no escapes.</item>
/// <item>Double-quoted values may span lines and understand <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\"</c>, <c>\\</c> and
/// <c>\$</c>; any other backslash is kept as is.</item>
/// <item>Nothing is expanded: <c>$HOME</c> stays <c>$HOME</c>. A name given twice keeps its last value.</item>
/// </list>
/// An error names the line and never quotes the file's text, which may hold secrets.
/// </summary>
public static class DotEnv
{
    /// <summary>The variables in file order, last value winning; throws <see cref="PeepshowException"/> (exit 2) on malformed text.</summary>
    /// <param name="source">How errors name the file.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string text, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        var reader = new Reader(text.StartsWith('\uFEFF') ? text[1..] : text, source);
        while (reader.NextEntry() is { } entry)
        {
            if (!values.ContainsKey(entry.Key))
                order.Add(entry.Key);
            values[entry.Key] = entry.Value;
        }
        return [.. order.Select(k => new KeyValuePair<string, string>(k, values[k]))];
    }

    /// <summary>Whether <paramref name="name"/> is a variable name a dotenv file may set: a letter or <c>_</c>, then letters, digits, <c>_</c>.</summary>
    public static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private sealed class Reader(string text, string source)
    {
        private int _pos;
        private int _line = 1;

        public KeyValuePair<string, string>? NextEntry()
        {
            while (true)
            {
                SkipBlanks();
                if (_pos >= text.Length)
                    return null;
                if (AtLineEnd())
                {
                    EndLine();
                    continue;
                }
                if (text[_pos] == '#')
                {
                    SkipToLineEnd();
                    continue;
                }
                return Entry();
            }
        }

        private KeyValuePair<string, string> Entry()
        {
            var startLine = _line;
            var name = Word();
            if (name == "export" && _pos < text.Length && text[_pos] is ' ' or '\t')
            {
                SkipBlanks();
                name = Word();
            }
            SkipBlanks();
            if (name.Length == 0 || _pos >= text.Length || text[_pos] != '=')
                throw Error(startLine, "expected NAME=value");
            if (!IsName(name))
                throw Error(startLine, "a variable name is letters, digits and '_', not starting with a digit");
            _pos++;
            SkipBlanks();

            string value;
            if (_pos < text.Length && text[_pos] is '\'' or '"')
            {
                value = text[_pos] == '\'' ? SingleQuoted(startLine) : DoubleQuoted(startLine);
                SkipBlanks();
                if (_pos < text.Length && text[_pos] == '#')
                    SkipToLineEnd();
                if (!AtLineEnd())
                    throw Error(_line, $"unexpected text after the closing quote of {name}");
            }
            else
            {
                value = Unquoted();
            }
            if (_pos < text.Length)
                EndLine();
            return new(name, value);
        }

        private string Word()
        {
            var start = _pos;
            while (_pos < text.Length && !AtLineEnd() && text[_pos] is not ('=' or ' ' or '\t'))
                _pos++;
            return text[start.._pos];
        }

        private string Unquoted()
        {
            var start = _pos;
            while (_pos < text.Length && !AtLineEnd())
            {
                // A comment starts at a '#' after a space or tab: KEY=#x keeps "#x", KEY= #x is empty.
                if (text[_pos] == '#' && text[_pos - 1] is ' ' or '\t')
                    break;
                _pos++;
            }
            var value = text[start.._pos].TrimEnd(' ', '\t');
            SkipToLineEnd();
            return value;
        }

        private string SingleQuoted(int startLine)
        {
            var close = text.IndexOf('\'', _pos + 1);
            if (close < 0)
                throw Error(startLine, "a single quote is never closed");
            var value = text[(_pos + 1)..close];
            _line += value.Count(c => c == '\n');
            _pos = close + 1;
            return value.Replace("\r\n", "\n", StringComparison.Ordinal);
        }

        private string DoubleQuoted(int startLine)
        {
            var value = new StringBuilder();
            for (_pos++; _pos < text.Length; _pos++)
            {
                var c = text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return value.ToString();
                }
                if (c == '\\' && _pos + 1 < text.Length)
                {
                    var escaped = text[_pos + 1] switch
                    {
                        'n' => "\n",
                        'r' => "\r",
                        't' => "\t",
                        '"' => "\"",
                        '\\' => "\\",
                        '$' => "$",
                        _ => null,
                    };
                    if (escaped is not null)
                    {
                        value.Append(escaped);
                        _pos++;
                        continue;
                    }
                }
                if (c == '\r' && _pos + 1 < text.Length && text[_pos + 1] == '\n')
                    continue;
                if (c == '\n')
                    _line++;
                value.Append(c);
            }
            throw Error(startLine, "a double quote is never closed");
        }

        private void SkipBlanks()
        {
            while (_pos < text.Length && text[_pos] is ' ' or '\t')
                _pos++;
        }

        private void SkipToLineEnd()
        {
            while (_pos < text.Length && !AtLineEnd())
                _pos++;
        }

        private bool AtLineEnd() => _pos >= text.Length || text[_pos] == '\n' || (text[_pos] == '\r' && (_pos + 1 >= text.Length || text[_pos + 1] == '\n'));

        private void EndLine()
        {
            if (_pos < text.Length && text[_pos] == '\r')
                _pos++;
            if (_pos < text.Length && text[_pos] == '\n')
                _pos++;
            _line++;
        }

        private PeepshowException Error(int line, string what) =>
            new(ExitCodes.BadArguments, $"{source} line {line}: {what}")
            {
                Hint = "fix the file, or run without it: --no-env-file",
            };
    }
}
