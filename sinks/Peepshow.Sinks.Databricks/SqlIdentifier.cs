using System.Text.RegularExpressions;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Sinks.Databricks;

/// <summary>
/// Identifiers come from env and end up in SQL text, where parameters cannot go (DDL and MERGE targets).
/// So they are held to letters, digits, '_' and '-' (Unity Catalog allows hyphens in quoted names, and
/// workspace catalogs often have them) and always backtick-quoted. No backtick can occur, so no escaping is needed.
/// </summary>
internal static partial class SqlIdentifier
{
    public const int MaxLength = 255;

    public static string Read(SinkEnvironment env, string name, string fallback)
    {
        var value = env.GetOrDefault(name, fallback);
        if (IsValid(value))
            return value;
        var hint = value.Contains('.')
            ? $"; set the parts separately with {DatabricksEnv.Catalog}, {DatabricksEnv.Schema} and {DatabricksEnv.Table}"
            : "";
        throw SinkException.Config($"{name} must be a plain name of letters, digits, '_' or '-' (at most {MaxLength}), got '{value}'{hint}");
    }

    public static bool IsValid(string value) => value.Length <= MaxLength && Pattern().IsMatch(value);

    public static string Quote(string validated) => $"`{validated}`";

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]*$")]
    private static partial Regex Pattern();
}
