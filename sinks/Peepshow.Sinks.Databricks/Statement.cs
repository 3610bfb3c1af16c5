namespace Peepshow.Sinks.Databricks;

/// <summary>One SQL statement as the API takes it: text plus parameters. <paramref name="Label"/> names it in log and error lines.</summary>
internal sealed record Statement(string Label, string Sql, IReadOnlyList<StatementParameter> Parameters);
