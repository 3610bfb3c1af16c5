namespace Peepshow.Testing.Doubles.Stargate;

public static class CqlTypes
{
    /// <summary>Parses a schema API <c>typeDefinition</c> such as <c>text</c> or <c>BIGINT</c>.</summary>
    public static bool TryParse(string? definition, out CqlType type) =>
        Enum.TryParse(definition?.Trim(), ignoreCase: true, out type) && Enum.IsDefined(type);

    public static string ToCql(this CqlType type) => type.ToString().ToLowerInvariant();

    public static bool IsText(this CqlType type) => type is CqlType.Text or CqlType.Varchar or CqlType.Ascii;

    public static bool IsInteger(this CqlType type) => type is CqlType.Bigint or CqlType.Int or CqlType.Smallint or CqlType.Tinyint;

    /// <summary>How v2's codecs name the type in errors (<c>TypeSpec.Basic.LONG</c> for bigint: its LongCodec).</summary>
    public static string GrpcName(this CqlType type) => "TypeSpec.Basic." + type switch
    {
        CqlType.Text or CqlType.Varchar or CqlType.Ascii => "TEXT",
        CqlType.Bigint => "LONG",
        _ => type.ToString().ToUpperInvariant(),
    };

    /// <summary>How v1's <c>Column.Type</c> enum names the type in errors (<c>Bigint</c>, <c>Text</c>).</summary>
    public static string V1Name(this CqlType type) => type.ToString();
}
