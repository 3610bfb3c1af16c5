using System.Text.RegularExpressions;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Sinks.Databricks;

/// <summary>The target table, three validated Unity Catalog names.</summary>
internal sealed record TableName(string Catalog, string Schema, string Table)
{
    public const string DefaultCatalog = "main";
    public const string DefaultSchema = "default";
    public const string DefaultTable = "peepshow_runs";

    /// <summary>As it appears in SQL: every part backtick-quoted, so reserved words and hyphens are safe.</summary>
    public string Quoted => $"{SqlIdentifier.Quote(Catalog)}.{SqlIdentifier.Quote(Schema)}.{SqlIdentifier.Quote(Table)}";

    /// <summary>The table's page in the workspace's Catalog Explorer: <c>&lt;workspace&gt;/explore/data/&lt;catalog&gt;/&lt;schema&gt;/&lt;table&gt;</c>.</summary>
    public string CatalogExplorerUrl(Uri workspace) =>
        $"{workspace.GetLeftPart(UriPartial.Authority)}/explore/data/{Uri.EscapeDataString(Catalog)}/{Uri.EscapeDataString(Schema)}/{Uri.EscapeDataString(Table)}";

    /// <summary>As people write it: <c>main.default.peepshow_runs</c>.</summary>
    public override string ToString() => $"{Catalog}.{Schema}.{Table}";
}

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
