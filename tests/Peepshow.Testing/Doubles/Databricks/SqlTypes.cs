using System.Globalization;
using System.Text.RegularExpressions;

namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>
/// Type names and CAST semantics with ANSI mode on (the Databricks SQL default): malformed text fails the
/// statement with CAST_INVALID_INPUT instead of becoming NULL. Values are held as plain CLR values so specs
/// can assert on them: string, int, long, double, bool, DateOnly, and DateTimeOffset in UTC for TIMESTAMP.
/// </summary>
public static partial class SqlTypes
{
    /// <summary>Parses a type name; null for names this double does not model (complex types among them).</summary>
    public static SqlType? Parse(string name) => name.Trim().ToUpperInvariant() switch
    {
        "STRING" => SqlType.String,
        "INT" or "INTEGER" => SqlType.Int,
        "BIGINT" or "LONG" => SqlType.BigInt,
        "DOUBLE" => SqlType.Double,
        "BOOLEAN" => SqlType.Boolean,
        "DATE" => SqlType.Date,
        "TIMESTAMP" => SqlType.Timestamp,
        "VOID" => SqlType.Null,
        _ => null,
    };

    public static string Name(SqlType type) => type switch
    {
        SqlType.Null => "VOID",
        SqlType.String => "STRING",
        SqlType.Int => "INT",
        SqlType.BigInt => "BIGINT",
        SqlType.Double => "DOUBLE",
        SqlType.Boolean => "BOOLEAN",
        SqlType.Date => "DATE",
        SqlType.Timestamp => "TIMESTAMP",
        _ => type.ToString().ToUpperInvariant(),
    };

    /// <summary>The manifest's <c>type_name</c> (BIGINT is reported as LONG).</summary>
    public static string ManifestName(SqlType type) => type == SqlType.BigInt ? "LONG" : Name(type);

    /// <summary>CAST(value AS to); throws <see cref="SqlErrorException"/> the way the warehouse fails the statement.</summary>
    public static object? Cast(object? value, SqlType from, SqlType to)
    {
        if (value is null || from == to)
            return value;
        if (to == SqlType.String)
            return Format(value);
        return (value, to) switch
        {
            (string s, _) => FromString(s, to),
            (int i, SqlType.BigInt) => (long)i,
            (int i, SqlType.Double) => (double)i,
            (long l, SqlType.Double) => (double)l,
            (long l, SqlType.Int) when l is >= int.MinValue and <= int.MaxValue => (int)l,
            (double d, SqlType.BigInt) when !double.IsNaN(d) && Math.Abs(d) < 9.2e18 => (long)Math.Truncate(d),
            (double d, SqlType.Int) when !double.IsNaN(d) && Math.Abs(d) < int.MaxValue => (int)Math.Truncate(d),
            (DateTimeOffset t, SqlType.Date) => DateOnly.FromDateTime(t.UtcDateTime),
            (DateOnly d, SqlType.Timestamp) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            _ => throw new SqlErrorException(SqlError.CastNotSupported(Name(from), Name(to))),
        };
    }

    private static object FromString(string text, SqlType to)
    {
        var s = text.Trim();
        object? parsed = to switch
        {
            SqlType.BigInt when IntegerPattern().IsMatch(s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            SqlType.Int when IntegerPattern().IsMatch(s) && int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
            SqlType.Double => ParseDouble(s),
            SqlType.Boolean => s.ToLowerInvariant() switch
            {
                "true" or "t" or "yes" or "y" or "1" => true,
                "false" or "f" or "no" or "n" or "0" => false,
                _ => null,
            },
            SqlType.Date => DatePattern().Match(s) is { Success: true } m && TryDate(m, out var date) ? date : null,
            SqlType.Timestamp => ParseTimestamp(s),
            _ => null,
        };
        return parsed ?? throw new SqlErrorException(SqlError.CastInvalidInput(text, "STRING", Name(to)));
    }

    private static object? ParseDouble(string s)
    {
        switch (s.ToLowerInvariant())
        {
            case "nan":
                return double.NaN;
            case "infinity" or "+infinity" or "inf" or "+inf":
                return double.PositiveInfinity;
            case "-infinity" or "-inf":
                return double.NegativeInfinity;
        }
        return DecimalPattern().IsMatch(s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>
    /// Spark's accepted forms: <c>yyyy-[m]m-[d]d[T| ][h]h:[m]m[:[s]s[.fraction]][zone]</c> or a bare date;
    /// zone Z, ±hh:mm, ±hhmm or UTC; no zone means the session zone, UTC on a warehouse by default. Microsecond precision.
    /// </summary>
    private static object? ParseTimestamp(string s)
    {
        var m = TimestampPattern().Match(s);
        if (!m.Success || !TryDate(m, out var date))
            return null;
        int Part(string group) => m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var (hour, minute, second) = (Part("h"), Part("mi"), Part("s"));
        if (hour > 23 || minute > 59 || second > 59)
            return null;
        var fraction = m.Groups["f"].Success ? m.Groups["f"].Value.PadRight(6, '0')[..6] : "0";
        var micros = long.Parse(fraction, CultureInfo.InvariantCulture);
        var offset = TimeSpan.Zero;
        if (m.Groups["oh"].Success)
        {
            offset = new TimeSpan(Part("oh"), Part("om"), 0);
            if (m.Groups["sign"].Value == "-")
                offset = -offset;
        }
        var local = date.ToDateTime(new TimeOnly(hour, minute, second)).AddTicks(micros * 10);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static bool TryDate(Match m, out DateOnly date)
    {
        date = default;
        var (y, mo, d) = (int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["mo"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture));
        if (mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo))
            return false;
        date = new DateOnly(y, mo, d);
        return true;
    }

    /// <summary>A value as Databricks renders it in JSON_ARRAY results and as CAST(... AS STRING).</summary>
    public static string Format(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})(?:[T ](?<h>\d{1,2}):(?<mi>\d{1,2})(?::(?<s>\d{1,2})(?:\.(?<f>\d{1,9}))?)?)?\s*(?:Z|UTC|(?<sign>[+-])(?<oh>\d{2}):?(?<om>\d{2}))?$")]
    private static partial Regex TimestampPattern();
}
