namespace Peepshow.Core.State;

/// <summary>
/// A path with every symbolic link in it resolved (like realpath(3)), so two names of one file compare
/// equal. Parts that do not exist (yet, or any more) are kept as written.
/// </summary>
public static class RealPath
{
    // Linux gives up after 40 links (ELOOP); so do we, keeping the path as far as it got.
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var links = 0;
        return Resolve(full, ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                target = null;
            }
            if (target is null || ++links > MaxLinks)
            {
                current = next;
                continue;
            }
            // The target may itself go through links (relative ones are relative to the link's folder).
            current = Resolve(Path.TrimEndingDirectorySeparator(Path.GetFullPath(target, current)), ref links);
        }
        return current.Length == 0 ? full : current;
    }
}
