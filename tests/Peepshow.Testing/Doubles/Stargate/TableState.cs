using System.Globalization;

namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>A table's schema and rows, keyed by primary key. Guarded by the double's lock.</summary>
internal sealed class TableState(StargateTableSchema schema)
{
    public StargateTableSchema Schema { get; } = schema;

    /// <summary>Primary key → column → stored value (columns never written are absent, as in Cassandra).</summary>
    public Dictionary<string, Dictionary<string, object?>> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Cassandra INSERT semantics: an existing key is updated in place, only the given columns change,
    /// and a given null clears a column.
    /// </summary>
    public Dictionary<string, object?> Upsert(IReadOnlyDictionary<string, object?> values)
    {
        var key = KeyOf(Schema.PrimaryKey.Select(c => values[c]!));
        if (!Rows.TryGetValue(key, out var row))
            Rows[key] = row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (column, value) in values)
            row[column] = value;
        return row;
    }

    /// <summary>Rows whose primary key starts with these values (a partition, or one row).</summary>
    public IEnumerable<Dictionary<string, object?>> Matching(IReadOnlyList<object?> keyPrefix)
    {
        var columns = Schema.PrimaryKey.Take(keyPrefix.Count).ToArray();
        return Rows.Values.Where(row => columns.Select((c, i) => Equals(row.GetValueOrDefault(c), keyPrefix[i])).All(match => match));
    }

    public static string KeyOf(IEnumerable<object> values) =>
        string.Join('\u001f', values.Select(v => v switch
        {
            DateTimeOffset t => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }));
}
