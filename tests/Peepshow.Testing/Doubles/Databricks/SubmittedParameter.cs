namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>A parameter as the client sent it. A null <see cref="Type"/> means the API default, STRING.</summary>
public sealed record SubmittedParameter(string Name, string? Type, string? Value);
