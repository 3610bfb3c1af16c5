namespace Peepshow.Core.Sinks;

/// <summary>
/// One <c>--when key=v1,v2</c> clause of an auto-sink: it matches when any value matches (OR).
/// Stored structured in sinks.json, so a hand-edited value may even contain a comma.
/// </summary>
public sealed record WhenClause(string Key, IReadOnlyList<string> Values)
{
    /// <summary>Parses <c>key=v1,v2</c>; blanks around keys and values are trimmed.</summary>
    public static WhenClause Parse(string text)
    {
        var eq = text.IndexOf('=');
        var key = eq < 0 ? "" : text[..eq].Trim();
        var values = eq < 0 ? [] : text[(eq + 1)..].Split(',').Select(v => v.Trim()).ToArray();
        var clause = new WhenClause(key, values);
        if (eq < 0 || clause.Problem() is not null)
            throw new PeepshowException(ExitCodes.BadArguments,
                $"--when '{text}' is not key=value[,value…] ({clause.Problem() ?? "no '='"}); e.g. --when extension=mp4,mov");
        return clause;
    }

    /// <summary>Why the clause can never be evaluated, or null when it is fine.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Key) ? "the key is empty"
        : Values is null || Values.Count == 0 || Values.Any(string.IsNullOrEmpty) ? $"'{Key}' has an empty value"
        : null;

    public override string ToString() => $"{Key}={string.Join(',', Values)}";

    public bool Equals(WhenClause? other) => other is not null && Key == other.Key && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Key, Values.Count);
}
