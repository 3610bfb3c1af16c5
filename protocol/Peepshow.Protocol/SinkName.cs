using System.Text.RegularExpressions;

namespace Peepshow.Protocol;

/// <summary>Sink names become part of an executable name, so they are held to a tight alphabet: no shell, no paths.</summary>
public static partial class SinkName
{
    public const string ExecutablePrefix = "peepshow-sink-";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    public static string ExecutableFor(string name) =>
        IsValid(name) ? ExecutablePrefix + name : throw new ArgumentException($"'{name}' is not a valid sink name: use letters, digits, '.', '_' and '-' only", nameof(name));

    [GeneratedRegex("^[a-zA-Z0-9._-]+$")]
    private static partial Regex Pattern();
}
