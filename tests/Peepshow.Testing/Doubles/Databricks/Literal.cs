namespace Peepshow.Testing.Doubles.Databricks;

public sealed record Literal(object? Value, SqlType Type) : SqlExpression;
