namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>A Delta table: its definition and rows, in insertion order.</summary>
public sealed class DatabricksTable(string catalog, string schema, string name, IReadOnlyList<TableColumn> columns, string format, string? comment)
{
    internal readonly List<DatabricksRow> RowList = [];

    public string Catalog { get; } = catalog;

    public string Schema { get; } = schema;

    public string Name { get; } = name;

    /// <summary><c>catalog.schema.table</c>, lower case as Unity Catalog stores names.</summary>
    public string FullName => $"{Catalog}.{Schema}.{Name}";

    public string QuotedName => $"`{Catalog}`.`{Schema}`.`{Name}`";

    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    public string Format { get; } = format;

    public string? Comment { get; } = comment;

    public TableColumn? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
