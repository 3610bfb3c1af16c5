namespace Peepshow.Testing.Doubles.Databricks;

/// <summary>A compiled statement: what it does, and the parameter markers its text uses.</summary>
public abstract record SqlStatement
{
    public IReadOnlyList<string> Markers { get; init; } = [];
}
