using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>
/// JSON value ⇄ stored CQL value, as the two Stargate generations do it, quirks included:
/// v2 = <c>ToProtoConverter</c> + <c>ToProtoValueCodecs</c> (any JSON string goes through
/// <c>StringifiedValueUtil.handleSingleQuotes</c> first); v1 = <c>Converters.toCqlValue</c> (strings are trimmed,
/// then unquoted; text columns accept only JSON strings).
/// Stored values are CLR values: string, long, double, bool, DateTimeOffset (UTC, millisecond precision), Guid, DateOnly.
/// </summary>
public static partial class StargateValues
{
    /// <summary>A value the backend refuses; the message is the codec's own wording.</summary>
    public sealed class InvalidValueException(string message) : Exception(message);

    /// <summary>
    /// v1 only: a lone <c>'</c> makes <c>value.substring(1, 0)</c> throw, which Stargate v1 answers with a 500
    /// (<c>Server error: begin 1, end 0, length 1</c>).
    /// </summary>
    public sealed class ServerCrashException(string message) : Exception(message);

    /// <summary>v2 <c>handleSingleQuotes</c>: 2+ chars starting and ending with <c>'</c> lose them, and <c>''</c> becomes <c>'</c>.</summary>
    public static string HandleSingleQuotesV2(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\''
            ? value[1..^1].Replace("''", "'", StringComparison.Ordinal)
            : value;

    /// <summary>v1 <c>toCqlValue(type, String)</c> preamble: Java <c>trim()</c>, then the same unquoting (and the same crash on <c>'</c>).</summary>
    public static string TrimAndUnquoteV1(string value)
    {
        value = JavaTrim(value);
        if (value.StartsWith('\'') && value.EndsWith('\''))
        {
            if (value.Length < 2)
                throw new ServerCrashException($"begin 1, end 0, length {value.Length}");
            value = value[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }
        return value;
    }

    /// <summary>A value from a request body.</summary>
    public static object? FromJson(StargateFlavour flavour, CqlType type, JsonElement json) =>
        flavour == StargateFlavour.V2 ? FromJsonV2(type, json) : FromJsonV1(type, json);

    /// <summary>A primary-key value from a URL path segment (already percent-decoded).</summary>
    public static object? FromPath(StargateFlavour flavour, CqlType type, string segment) =>
        flavour == StargateFlavour.V2 ? FromStringV2(type, HandleSingleQuotesV2(segment)) : FromStringV1(type, segment);

    /// <summary>A stored value as a GET returns it.</summary>
    public static JsonNode? ToJson(StargateFlavour flavour, object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        // v1's Converters.toJsonValue writes Long/BigInteger/UUID as strings ("JSON interoperability").
        long l => flavour == StargateFlavour.V1 ? JsonValue.Create(l.ToString(CultureInfo.InvariantCulture)) : JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        DateTimeOffset t => JsonValue.Create(InstantToString(t)),
        Guid g => JsonValue.Create(g.ToString("D")),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>Java <c>Instant.toString()</c> for a Cassandra timestamp: milliseconds only when non-zero.</summary>
    public static string InstantToString(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.ToString(utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    // ---- v2: ToProtoConverter.protoValueFromLooselyTyped ----

    private static object? FromJsonV2(CqlType type, JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => FromStringV2(type, HandleSingleQuotesV2(json.GetString()!)),
        _ => StrictlyTypedV2(type, json),
    };

    private static object StrictlyTypedV2(CqlType type, JsonElement json)
    {
        if (type.IsText())
            return JavaStringValueOf(json); // TextCodec: String.valueOf(anything)
        switch (json.ValueKind)
        {
            case JsonValueKind.Number when type.IsInteger():
                // LongCodec & co: Number.longValue(), so 3.7 is stored as 3 (Stargate has a TODO about it).
                return json.TryGetInt64(out var l) ? l : (long)Math.Truncate(json.GetDouble());
            case JsonValueKind.Number when type is CqlType.Double or CqlType.Float:
                return json.GetDouble();
            case JsonValueKind.Number when type is CqlType.Timestamp && json.TryGetInt64(out var millis):
                return DateTimeOffset.FromUnixTimeMilliseconds(millis);
            case JsonValueKind.True or JsonValueKind.False when type is CqlType.Boolean:
                return json.GetBoolean();
            default:
                throw new InvalidValueException($"Cannot coerce {JavaValueDesc(json)} into expected protobuf type: {type.GrpcName()}");
        }
    }

    private static object FromStringV2(CqlType type, string value)
    {
        switch (type)
        {
            case CqlType.Text or CqlType.Varchar or CqlType.Ascii:
                return value;
            case CqlType.Bigint or CqlType.Int or CqlType.Smallint or CqlType.Tinyint:
                return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && FitsV2(type, l)
                    ? l
                    : throw InvalidString(type, value);
            case CqlType.Double or CqlType.Float:
                return double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw InvalidString(type, value);
            case CqlType.Boolean:
                return value.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
                    : value.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
                    : throw InvalidString(type, value);
            case CqlType.Timestamp:
                return ParseTimestampV2(value);
            case CqlType.Uuid or CqlType.Timeuuid:
                return Guid.TryParseExact(value, "D", out var g) ? g : throw InvalidString(type, value);
            case CqlType.Date:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new InvalidValueException($"Text '{value}' could not be parsed at index 0");
            default:
                throw InvalidString(type, value);
        }
    }

    // ISO_OFFSET_DATE_TIME_OPTIONAL_COLON = "yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX][X]", then Instant::from.
    private static DateTimeOffset ParseTimestampV2(string value)
    {
        var match = TimestampV2().Match(value);
        if (!match.Success)
            // Not an IllegalArgumentException in Java (DateTimeParseException), so the raw parser message surfaces.
            throw new InvalidValueException($"Text '{value}' could not be parsed at index {ParsedPrefix(value)}");
        if (!match.Groups["offset"].Success)
            throw new InvalidValueException($"Text '{value}' could not be parsed: Unable to obtain Instant from TemporalAccessor");
        var offset = match.Groups["offset"].Value;
        var normalized = match.Groups["local"].Value + match.Groups["fraction"].Value + (offset == "Z" ? "+00:00" : NormalizeOffset(offset));
        return DateTimeOffset.TryParseExact(normalized, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffzzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t.ToUniversalTime()
            : throw new InvalidValueException($"Text '{value}' could not be parsed: Invalid date");
    }

    // ---- v1: Converters.toCqlValue ----

    private static object? FromJsonV1(CqlType type, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null)
            return null;
        if (json.ValueKind == JsonValueKind.String)
            return FromStringV1(type, json.GetString()!);

        var raw = json.GetRawText();
        switch (type)
        {
            case CqlType.Text or CqlType.Varchar or CqlType.Ascii or CqlType.Uuid or CqlType.Timeuuid:
                throw new InvalidValueException($"Invalid {type.V1Name()} value '{raw}': expected a string");
            case CqlType.Boolean:
                return json.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? json.GetBoolean()
                    : throw new InvalidValueException($"Invalid Boolean value '{raw}': expected a boolean or a string");
            case CqlType.Bigint or CqlType.Int or CqlType.Smallint or CqlType.Tinyint:
                if (json.ValueKind != JsonValueKind.Number || !json.TryGetInt64(out var l))
                    throw new InvalidValueException($"Invalid {type.V1Name()} value '{raw}': expected an integer or a string");
                return FitsV2(type, l) ? l : throw new InvalidValueException($"Invalid {type.V1Name()} value '{raw}': out of range");
            case CqlType.Double or CqlType.Float:
                return json.ValueKind == JsonValueKind.Number
                    ? json.GetDouble()
                    : throw new InvalidValueException($"Invalid {type.V1Name()} value '{raw}': expected a number or a string");
            case CqlType.Timestamp:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var millis)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
                    : throw new InvalidValueException($"Invalid Timestamp value '{raw}': expected an integer or a string");
            default:
                throw new InvalidValueException($"Invalid {type.V1Name()} value '{raw}': expected an integer or a string");
        }
    }

    private static object FromStringV1(CqlType type, string value)
    {
        value = TrimAndUnquoteV1(value);
        switch (type)
        {
            case CqlType.Text or CqlType.Varchar or CqlType.Ascii:
                return value;
            case CqlType.Boolean:
                return value.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
                    : value.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
                    : throw new InvalidValueException($"Invalid Boolean value '{value}': cannot parse");
            case CqlType.Bigint or CqlType.Int or CqlType.Smallint or CqlType.Tinyint:
                return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && FitsV2(type, l)
                    ? l
                    : throw new InvalidValueException($"Invalid {type.V1Name()} value '{value}': cannot parse");
            case CqlType.Double or CqlType.Float:
                return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? d
                    : throw new InvalidValueException($"Invalid {type.V1Name()} value '{value}': cannot parse");
            case CqlType.Uuid or CqlType.Timeuuid:
                return Guid.TryParseExact(value, "D", out var g) ? g : throw new InvalidValueException($"Invalid {type.V1Name()} value '{value}': cannot parse");
            case CqlType.Timestamp:
                // Instant.parse (ISO_INSTANT): UTC 'Z' only, 0-9 fraction digits.
                return ParseTimestampV1(value)
                    ?? throw new InvalidValueException($"Invalid Timestamp value: Text '{value}' could not be parsed at index {ParsedPrefix(value)}");
            case CqlType.Date:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw new InvalidValueException($"Invalid Date value: Text '{value}' could not be parsed at index 0");
            default:
                throw new InvalidValueException($"Invalid {type.V1Name()} value '{value}': cannot parse");
        }
    }

    // Instant.parse keeps nanoseconds; Cassandra keeps milliseconds, so the rest is dropped on the way in.
    private static DateTimeOffset? ParseTimestampV1(string value)
    {
        var match = TimestampV1().Match(value);
        if (!match.Success)
            return null;
        var fraction = (match.Groups["fraction"].Value.TrimStart('.') + "000")[..3];
        var seconds = match.Groups["seconds"].Success ? match.Groups["seconds"].Value : ":00";
        return DateTimeOffset.TryParseExact(
            $"{match.Groups["local"].Value}{seconds}.{fraction}Z", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;
    }

    // ---- helpers ----

    private static bool FitsV2(CqlType type, long value) => type switch
    {
        CqlType.Int => value is >= int.MinValue and <= int.MaxValue,
        CqlType.Smallint => value is >= short.MinValue and <= short.MaxValue,
        CqlType.Tinyint => value is >= sbyte.MinValue and <= sbyte.MaxValue,
        _ => true,
    };

    private static InvalidValueException InvalidString(CqlType type, string value) =>
        new($"Invalid String value ('{value}'): not valid representation/value for target protobuf type: {type.GrpcName()}");

    // ToProtoCodecBase.javaValueDesc: how Jackson's bound Java value is described in "Cannot coerce …".
    private static string JavaValueDesc(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number => "Number " + JavaNumber(json),
        JsonValueKind.True or JsonValueKind.False => $"Boolean value ({(json.GetBoolean() ? "true" : "false")})",
        JsonValueKind.Object => "Java value of type java.util.LinkedHashMap",
        JsonValueKind.Array => "Java value of type java.util.ArrayList",
        _ => "'null'",
    };

    private static string JavaStringValueOf(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number => JavaNumber(json),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        // String.valueOf(LinkedHashMap/ArrayList) is Java's toString; the raw JSON is close enough for a double.
        _ => json.GetRawText(),
    };

    // Jackson binds integers to Integer/Long (printed as is) and decimals to Double (printed like Double.toString: "12.0", "1.0E20").
    private static string JavaNumber(JsonElement json)
    {
        if (json.TryGetInt64(out var l))
            return l.ToString(CultureInfo.InvariantCulture);
        var text = json.GetDouble().ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text.Replace("E+", "E", StringComparison.Ordinal) : text + ".0";
    }

    private static string JavaTrim(string value)
    {
        int start = 0, end = value.Length;
        while (start < end && value[start] <= ' ')
            start++;
        while (end > start && value[end - 1] <= ' ')
            end--;
        return value[start..end];
    }

    private static string NormalizeOffset(string offset) => offset.Length switch
    {
        3 => offset + ":00",                       // +01
        5 => offset[..3] + ":" + offset[3..],      // +0100
        _ => offset,                               // +01:00
    };

    // How far a parser gets before the text stops looking like yyyy-MM-ddTHH:mm:ss (the "at index N" of the message).
    private static int ParsedPrefix(string value)
    {
        const string shape = "dddd-dd-ddTdd:dd:dd";
        var i = 0;
        while (i < value.Length && i < shape.Length && (shape[i] == 'd' ? char.IsAsciiDigit(value[i]) : value[i] == shape[i]))
            i++;
        return i;
    }

    [GeneratedRegex(@"^(?<local>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?<fraction>\.\d{3})?(?<offset>Z|[+-]\d{2}:\d{2}|[+-]\d{4}|[+-]\d{2})?$")]
    private static partial Regex TimestampV2();

    [GeneratedRegex(@"^(?<local>\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?<seconds>:\d{2})?(?<fraction>\.\d{1,9})?Z$")]
    private static partial Regex TimestampV1();
}
