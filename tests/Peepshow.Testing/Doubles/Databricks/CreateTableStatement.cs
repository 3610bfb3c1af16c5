namespace Peepshow.Testing.Doubles.Databricks;

public sealed record CreateTableStatement(IReadOnlyList<string> Name, bool IfNotExists, IReadOnlyList<ColumnDefinition> Columns, string? Format, string? Comment) : SqlStatement;
