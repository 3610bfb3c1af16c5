namespace Peepshow.Testing.Doubles.Databricks;

public sealed record ColumnReference(string? Qualifier, string Column) : SqlExpression;
