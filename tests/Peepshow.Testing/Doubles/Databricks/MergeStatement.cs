namespace Peepshow.Testing.Doubles.Databricks;

/// <param name="Insert">The WHEN NOT MATCHED THEN INSERT clause; columns null means <c>INSERT *</c>.</param>
public sealed record MergeStatement(
    IReadOnlyList<string> Target,
    string TargetAlias,
    IReadOnlyList<SelectItem> Source,
    string SourceAlias,
    ColumnReference OnLeft,
    ColumnReference OnRight,
    IReadOnlyList<string>? InsertColumns,
    IReadOnlyList<SqlExpression> InsertValues) : SqlStatement;
