namespace Peepshow.Testing.Doubles.Stargate;

/// <summary>The CQL column types the double understands (the scalar ones; collections are out of scope).</summary>
public enum CqlType
{
    Text,
    Varchar,
    Ascii,
    Bigint,
    Int,
    Smallint,
    Tinyint,
    Double,
    Float,
    Boolean,
    Timestamp,
    Uuid,
    Timeuuid,
    Date,
}
