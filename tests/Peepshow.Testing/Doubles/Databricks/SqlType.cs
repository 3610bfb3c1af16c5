namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>The scalar types the double stores. NULL is the type of an untyped NULL literal.</summary>
public enum SqlType
{
    Null,
    String,
    Int,
    BigInt,
    Double,
    Boolean,
    Date,
    Timestamp,
}
