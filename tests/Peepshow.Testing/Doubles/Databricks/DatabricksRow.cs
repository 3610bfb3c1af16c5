using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>One stored row: typed values by column name (case-insensitive, like Databricks identifiers).</summary>
public sealed class DatabricksRow(IReadOnlyDictionary<string, object?> values)
{
    private readonly Dictionary<string, object?> _values = new(values, StringComparer.OrdinalIgnoreCase);

    public object? this[string column] => _values.TryGetValue(column, out var value) ? value : throw new KeyNotFoundException($"no column '{column}'");

    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>The row as one JSON object, values as Databricks renders them (numbers stay numbers).</summary>
    public JsonObject ToJson(IEnumerable<TableColumn> columns)
    {
        var json = new JsonObject();
        foreach (var column in columns)
        {
            json[column.Name] = this[column.Name] switch
            {
                null => null,
                long l => JsonValue.Create(l),
                int i => JsonValue.Create(i),
                double d when double.IsFinite(d) => JsonValue.Create(d),
                bool b => JsonValue.Create(b),
                { } other => JsonValue.Create(SqlTypes.Format(other)),
            };
        }
        return json;
    }
}
