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
