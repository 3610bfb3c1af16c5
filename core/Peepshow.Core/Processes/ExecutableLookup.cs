namespace Peepshow.Core.Processes;

/// <summary>
/// Finds programs the way a shell would: an explicit path wins, a bare name is looked up in the PATH
/// folders in order. Used for ffmpeg, ffprobe and whisper-cli alike. A relative path, or a relative folder on PATH,
/// starts at the working directory given, the folder peepshow was started in, as it would for a shell there.
/// </summary>
public static class ExecutableLookup
{
    /// <summary>The first executable file named <paramref name="name"/> on PATH (from <paramref name="env"/>), or null.</summary>
    public static string? FindOnPath(string name, Func<string, string?> env, string workingDirectory)
    {
        var path = env("PATH");
        if (string.IsNullOrEmpty(path))
            return null;
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.GetFullPath(Path.Combine(dir, ExecutableName(name)), workingDirectory);
            if (IsExecutableFile(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>
    /// Resolves a user-supplied program (an env var's value): a bare name is looked up on PATH; anything with a
    /// slash is a path, and a folder means <paramref name="nameInFolder"/> inside it. Null when not executable.
    /// </summary>
    public static string? Resolve(string value, Func<string, string?> env, string workingDirectory, string? nameInFolder = null)
    {
        if (!value.Contains(Path.DirectorySeparatorChar) && !value.Contains(Path.AltDirectorySeparatorChar))
            return FindOnPath(value, env, workingDirectory);
        var full = Path.GetFullPath(value, workingDirectory);
        if (nameInFolder is not null && Directory.Exists(full))
            full = Path.Combine(full, ExecutableName(nameInFolder));
        return IsExecutableFile(full) ? full : null;
    }

    /// <summary>The file name of a program on this OS (<c>.exe</c> on Windows).</summary>
    public static string ExecutableName(string name) =>
        OperatingSystem.IsWindows() && !name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name + ".exe" : name;

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
