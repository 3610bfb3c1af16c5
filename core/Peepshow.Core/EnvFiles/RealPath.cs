namespace Peepshow.Core.EnvFiles;

/// <summary>A path with every symbolic link in it resolved, so one file has one identity in the trust record.</summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    public static string Of(string path) => Resolve(Path.GetFullPath(path), 0);

    private static string Resolve(string full, int depth)
    {
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target && depth < MaxLinks)
                next = Resolve(Path.GetFullPath(target, current), depth + 1);
            current = next;
        }
        return current;
    }
}
