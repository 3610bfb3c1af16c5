namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>One accepted ExecuteStatementRequest, as specs see it.</summary>
public sealed record SubmittedStatement(
    string Id,
    string Sql,
    IReadOnlyList<SubmittedParameter> Parameters,
    string? Catalog,
    string? Schema,
    int WaitTimeoutSeconds,
    string OnWaitTimeout);
