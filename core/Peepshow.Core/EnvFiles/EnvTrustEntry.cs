namespace Peepshow.Core.EnvFiles;

/// <param name="Path">The file's real path (symbolic links resolved).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content that was allowed; null for a denied file (denied whatever it holds).</param>
public sealed record EnvTrustEntry(string Path, string? Sha256, bool Allowed);
