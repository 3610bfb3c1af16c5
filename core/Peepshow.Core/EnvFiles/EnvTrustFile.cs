namespace Peepshow.Core.EnvFiles;

/// <summary><c>env-trust.json</c> under PEEPSHOW_HOME: the <c>.env</c> files the user allowed or denied.</summary>
public sealed record EnvTrustFile
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public List<EnvTrustEntry> Files { get; init; } = [];
}
