namespace Peepshow.Testing.Doubles.Databricks;

public sealed record ParameterMarker(string Name) : SqlExpression;
