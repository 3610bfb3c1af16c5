namespace Peepshow.Core.State;

/// <summary>Plain words for why a state file or folder (sinks.json, the outbox) could not be read or written.</summary>
public static class StateFiles
{
    /// <param name="isFolder">True when <paramref name="path"/> should be a folder (the outbox), false for a file (sinks.json).</param>
    public static string Reason(string path, Exception ex, bool isFolder)
    {
        if (isFolder && File.Exists(path))
            return "it is a file, not a folder";
        if (!isFolder && Directory.Exists(path))
            return "it is a directory, not a file";
        for (var dir = Path.GetDirectoryName(Path.GetFullPath(path)); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
                return $"{dir} is a file, not a folder";
        }
        return ex is UnauthorizedAccessException ? "permission denied" : ex.Message;
    }
}
