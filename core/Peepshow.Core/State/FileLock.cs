namespace Peepshow.Core.State;

/// <summary>
/// An exclusive lock between peepshow processes, held on a lock file opened with
/// <see cref="FileShare.None"/> (.NET takes an advisory <c>flock</c> for that on Unix). The lock file is
/// left in place: deleting it would let two processes lock two different files of the same name.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; throws <see cref="PeepshowException"/> when it stays taken.</summary>
    public static async Task<FileLock> AcquireAsync(string lockPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            if (TryAcquire(lockPath) is { } acquired)
                return acquired;
            if (DateTime.UtcNow >= deadline)
                throw new PeepshowException(ExitCodes.StateUnusable, $"another peepshow process has held {lockPath} for over {timeout.TotalSeconds:0} s; try again");
            // Jittered, growing waits so many waiting processes do not retry in lockstep.
            await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 10)), cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
        }
    }

    /// <summary>The lock, or null at once when another process holds it.</summary>
    public static FileLock? TryAcquire(string lockPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
        try
        {
            return new FileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException) when (OperatingSystem.IsWindows())
        {
            // Windows reports a file another process holds open this way.
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
