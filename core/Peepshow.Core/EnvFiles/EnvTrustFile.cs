namespace Peepshow.Core.EnvFiles;

/// <summary><c>env-trust.json</c> under PEEPSHOW_HOME: the <c>.env</c> files the user allowed or denied.</summary>
public sealed record EnvTrustFile
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public List<EnvTrustEntry> Files { get; init; } = [];
}

/// <param name="Path">The file's real path (symbolic links resolved).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content that was allowed; null for a denied file (denied whatever it holds).</param>
public sealed record EnvTrustEntry(string Path, string? Sha256, bool Allowed);
