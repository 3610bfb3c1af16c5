namespace Peepshow.Sinks.Databricks;

/// <summary>One named, typed parameter marker (<c>:name</c>). A null value is SQL NULL and is sent without <c>value</c>.</summary>
internal sealed record StatementParameter(string Name, string Type, string? Value);
