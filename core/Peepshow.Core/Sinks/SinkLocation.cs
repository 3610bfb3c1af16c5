namespace Peepshow.Core.Sinks;

/// <summary>Where a sink's program was found, or why it was not.</summary>
public sealed record SinkLocation(string? Path, string? Problem)
{
    public bool Found => Problem is null;

    public static SinkLocation At(string path) => new(path, null);

    public static SinkLocation NotFound { get; } = new(null, "not found");

    public static SinkLocation NotExecutable(string path) => new(path, "not executable");

    /// <summary>For listings: the path, or "not found" / "not executable: &lt;path&gt;".</summary>
    public override string ToString() => Problem is null ? Path! : Path is null ? Problem : $"{Problem}: {Path}";
}
