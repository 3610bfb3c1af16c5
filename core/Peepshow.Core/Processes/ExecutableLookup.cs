namespace Peepshow.Core.Processes;

/// <summary>Finds programs the way a shell would: an explicit path wins, then the folders on PATH in order.</summary>
public static class ExecutableLookup
{
    /// <summary>The first executable file named <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name, Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        var path = env("PATH");
        if (string.IsNullOrEmpty(path))
            return null;
        foreach (var dir in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, name);
            if (IsExecutableFile(candidate))
                return System.IO.Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>
    /// Resolves a user-supplied program: a value with a directory part must be that file; a bare name is
    /// looked up on PATH like a shell would.
    /// </summary>
    public static string? Resolve(string value, Func<string, string?>? env = null)
    {
        if (value.Contains(System.IO.Path.DirectorySeparatorChar) || value.Contains(System.IO.Path.AltDirectorySeparatorChar))
            return IsExecutableFile(value) ? System.IO.Path.GetFullPath(value) : null;
        return FindOnPath(value, env);
    }

    public static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
