namespace Peepshow.Testing.Doubles.Databricks;

public sealed record TableColumn(string Name, SqlType Type, bool NotNull, string? Comment);
