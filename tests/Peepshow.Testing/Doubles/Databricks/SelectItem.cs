namespace Peepshow.Testing.Doubles.Databricks;

public sealed record SelectItem(SqlExpression Expression, string Alias);
