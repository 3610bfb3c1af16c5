using System.Text.Json;
using Peepshow.Core.Sinks;
using Peepshow.Core.State;
using Peepshow.Protocol;

namespace Peepshow.Core.AutoSinks;

/// <summary>
/// The auto-sinks file. Reads never lock (writes are atomic renames, so a reader sees the old or the new
/// file, never half of one); every change is read-modify-write under an exclusive lock on
/// <c>&lt;file&gt;.lock</c>, so concurrent <c>peepshow sinks add</c> processes all land.
/// </summary>
public sealed class AutoSinkStore(string path)
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary><c>PEEPSHOW_AUTO_SINKS_FILE</c> (a relative one from <paramref name="workingDirectory"/>), else <c>sinks.json</c> in the peepshow home.</summary>
    public static AutoSinkStore FromEnvironment(Func<string, string?> env, string workingDirectory)
    {
        var custom = env(EnvNames.AutoSinksFile);
        return new AutoSinkStore(string.IsNullOrWhiteSpace(custom)
            ? System.IO.Path.Combine(PeepshowHome.Path(env, workingDirectory), "sinks.json")
            : System.IO.Path.GetFullPath(custom, workingDirectory));
    }

    /// <summary>The configured sinks in order; none when the file does not exist. Throws <see cref="PeepshowException"/> for an unusable file.</summary>
    public async Task<IReadOnlyList<SinkSpec>> LoadAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync(cancellationToken)).Sinks;

    /// <summary>Applies <paramref name="change"/> to the list under the lock and writes the result atomically.</summary>
    public async Task<T> UpdateAsync<T>(Func<List<SinkSpec>, T> change, CancellationToken cancellationToken = default)
    {
        try
        {
            using var _ = await FileLock.AcquireAsync(Path + ".lock", LockTimeout, cancellationToken);
            var sinks = (await ReadAsync(cancellationToken)).Sinks.ToList();
            var result = change(sinks);
            var file = new AutoSinksFile { Sinks = sinks };
            await AtomicFile.WriteAllBytesAsync(Path, JsonSerializer.SerializeToUtf8Bytes(file, CoreJsonContext.Default.AutoSinksFile), cancellationToken);
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PeepshowException(ExitCodes.StateUnusable, $"cannot write the auto-sinks file {Path}: {StateFiles.Reason(Path, ex, isFolder: false)}")
            {
                Hint = $"make its folder writable, or point {EnvNames.Home} or {EnvNames.AutoSinksFile} elsewhere",
            };
        }
    }

    private async Task<AutoSinksFile> ReadAsync(CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(Path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return new AutoSinksFile();
        }
        catch (DirectoryNotFoundException)
        {
            return new AutoSinksFile();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unusable($"cannot read it: {StateFiles.Reason(Path, ex, isFolder: false)}");
        }

        AutoSinksFile? file;
        try
        {
            file = JsonSerializer.Deserialize(bytes, CoreJsonContext.Default.AutoSinksFile);
        }
        catch (JsonException ex)
        {
            throw Unusable($"not valid JSON ({ex.Message})");
        }
        if (file is null)
            throw Unusable("it holds null instead of {\"version\":1,\"sinks\":[…]}");
        if (file.Version > AutoSinksFile.CurrentVersion)
            throw Unusable($"it is version {file.Version}, written by a newer peepshow; this one reads version {AutoSinksFile.CurrentVersion}");
        for (var i = 0; i < file.Sinks.Count; i++)
        {
            var problem = file.Sinks[i] is null ? "null" : file.Sinks[i].Problem();
            if (problem is not null)
                throw Unusable($"sink {i + 1}: {problem}");
        }
        return file;
    }

    private PeepshowException Unusable(string why) =>
        new(ExitCodes.StateUnusable, $"the auto-sinks file {Path} is unusable: {why}")
        {
            Hint = $"fix or delete it (peepshow sinks add recreates it), point {EnvNames.AutoSinksFile} elsewhere, or run with --no-auto-sinks",
        };
}
