namespace Peepshow.Testing.Doubles.Databricks;

public abstract record SqlExpression;
