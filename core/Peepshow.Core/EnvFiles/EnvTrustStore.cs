using System.Security.Cryptography;
using System.Text.Json;
using Peepshow.Core.State;

namespace Peepshow.Core.EnvFiles;

/// <summary>
/// The direnv-style trust record: a <c>.env</c> found in the working directory is used only when its real path
/// and SHA-256 match what <c>peepshow env allow</c> recorded. Reads never lock (writes are atomic renames);
/// changes are read-modify-write under a lock, so concurrent <c>allow</c>s all land.
/// </summary>
public sealed class EnvTrustStore(string path)
{
    public const string FileName = "env-trust.json";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public static EnvTrustStore FromEnvironment(Func<string, string?> env, string workingDirectory) =>
        new(System.IO.Path.Combine(PeepshowHome.Path(env, workingDirectory), FileName));

    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public EnvTrust Check(string realPath, string sha256)
    {
        var entry = Read().Files.LastOrDefault(f => f.Path == realPath);
        return entry switch
        {
            null => EnvTrust.Unknown,
            { Allowed: false } => EnvTrust.Denied,
            _ when entry.Sha256 == sha256 => EnvTrust.Allowed,
            _ => EnvTrust.Changed,
        };
    }

    public Task AllowAsync(string realPath, string sha256, CancellationToken cancellationToken) =>
        RecordAsync(new EnvTrustEntry(realPath, sha256, Allowed: true), cancellationToken);

    public Task DenyAsync(string realPath, CancellationToken cancellationToken) =>
        RecordAsync(new EnvTrustEntry(realPath, null, Allowed: false), cancellationToken);

    private async Task RecordAsync(EnvTrustEntry entry, CancellationToken cancellationToken)
    {
        using var _ = await FileLock.AcquireAsync(Path + ".lock", LockTimeout, cancellationToken);
        var file = Read();
        file.Files.RemoveAll(f => f.Path == entry.Path);
        file.Files.Add(entry);
        await AtomicFile.WriteAllBytesAsync(Path, JsonSerializer.SerializeToUtf8Bytes(file, CoreJsonContext.Default.EnvTrustFile), cancellationToken);
    }

    private EnvTrustFile Read()
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new EnvTrustFile();
        }
        try
        {
            var file = JsonSerializer.Deserialize(bytes, CoreJsonContext.Default.EnvTrustFile);
            if (file is { Version: <= EnvTrustFile.CurrentVersion })
                return file with { Files = [.. file.Files.Where(f => f?.Path is not null)] };
        }
        catch (JsonException)
        {
        }
        // Trust must never be assumed: an unreadable record trusts nothing, and says so.
        throw new PeepshowException(ExitCodes.Unexpected, $"the .env trust record {Path} is unusable")
        {
            Hint = "delete it and allow your .env files again with: peepshow env allow",
        };
    }
}
