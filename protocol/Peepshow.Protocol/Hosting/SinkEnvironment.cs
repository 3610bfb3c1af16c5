namespace Peepshow.Protocol.Hosting;

/// <summary>
/// Environment lookups with the error messages every sink should give. Blank counts as unset. A value holding a
/// control character is refused (exit 2) wherever it is read: a line break in a token becomes a second HTTP header,
/// and in a URL or a name it smuggles in more than the user meant. The process's own variables come from
/// <see cref="SinkIo.FromConsole"/>, the one place a sink reads them.
/// </summary>
/// <param name="declared">
/// The variables the sink declares (<see cref="SinkInfo.Environment"/>, what its <c>--help</c> lists). When given,
/// reading any other variable is a bug that fails the sink at once, so a sink cannot read what its help leaves out.
/// </param>
public sealed class SinkEnvironment(Func<string, string?> lookup, IEnumerable<string>? declared = null)
{
    private readonly HashSet<string>? _declared = declared?.ToHashSet(StringComparer.Ordinal);

    public string? Get(string name)
    {
        if (_declared is not null && !_declared.Contains(name))
            throw new InvalidOperationException($"the sink reads {name} but its SinkInfo.Environment does not declare it, so --help would not list it");
        var value = lookup(name);
        if (string.IsNullOrWhiteSpace(value))
            return null;
        // The value itself is never shown: it may be a secret, and the character would garble the line anyway.
        foreach (var c in value)
        {
            if (char.IsControl(c))
                throw SinkException.Config(
                    $"{name} contains a control character ({Describe(c)}); a value must be one line of printable text. "
                    + "Look for a line break or stray character copied along with it (a file with Windows line endings adds a carriage return)");
        }
        return value.Trim();
    }

    public string GetOrDefault(string name, string fallback) => Get(name) ?? fallback;

    /// <summary>Returns the value or fails with exit 2 naming the variable and what it is for.</summary>
    public string Require(string name, string purpose) =>
        Get(name) ?? throw SinkException.Config($"{name} is not set ({purpose})");

    public bool IsOn(string name) => Get(name) is "1" or "true" or "TRUE" or "True" or "yes";

    /// <summary>A positive integer, or the fallback when unset; anything else is a config error.</summary>
    public int GetPositiveInt(string name, int fallback)
    {
        var text = Get(name);
        if (text is null)
            return fallback;
        return int.TryParse(text, out var value) && value > 0
            ? value
            : throw SinkException.Config($"{name} must be a positive whole number, got '{text}'");
    }

    private static string Describe(char c) => c switch
    {
        '\r' => "carriage return",
        '\n' => "line feed",
        '\t' => "tab",
        '\0' => "NUL",
        '\u007f' => "DEL",
        _ => $"U+{(int)c:X4}",
    };
}
