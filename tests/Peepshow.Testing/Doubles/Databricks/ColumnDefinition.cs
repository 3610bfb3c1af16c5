namespace Peepshow.Testing.Doubles.Databricks;

public sealed record ColumnDefinition(string Name, SqlType Type, bool NotNull, string? Comment);
