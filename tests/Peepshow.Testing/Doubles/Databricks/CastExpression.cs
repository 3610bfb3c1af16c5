namespace Peepshow.Testing.Doubles.Databricks;

public sealed record CastExpression(SqlExpression Operand, SqlType Type) : SqlExpression;
