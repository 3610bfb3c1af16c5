using Peepshow.Core.Sinks;

namespace Peepshow.Core.Batch;

/// <summary>
/// Turns what <c>peepshow batch</c> was given into its inputs: files as they are, folders walked for videos
/// and animated images, globs (<c>clips/*.mp4</c>, <c>talks/**.webm</c>), and lists with one path or URL a
/// line (<c>--from FILE</c>, or <c>-</c> for stdin). Each input appears once, in a stable order, so every
/// worker of a sharded batch sees the same list.
/// </summary>
public static class BatchInputs
{
    /// <summary>What a folder walk picks up: the containers ffmpeg reads and the animated image formats.</summary>
    public static IReadOnlySet<string> VideoExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".wmv", ".flv", ".mpg", ".mpeg", ".ts", ".mts", ".m2ts",
        ".3gp", ".ogv", ".gif", ".apng", ".webp",
    };

    /// <param name="arguments">The command's inputs: paths, folders, globs, URLs, or <c>-</c>.</param>
    /// <param name="listFiles"><c>--from</c> files, one input a line (blank lines and <c>#</c> comments skipped).</param>
    /// <param name="stdin">Read for <c>-</c>.</param>
    /// <param name="workingDirectory">Where relative paths, folders and globs start.</param>
    public static IReadOnlyList<BatchInput> Expand(IEnumerable<string> arguments, IEnumerable<string> listFiles, TextReader stdin, string workingDirectory)
    {
        var texts = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument == "-")
                texts.AddRange(Lines(stdin));
            else
                texts.AddRange(ExpandOne(argument, workingDirectory));
        }
        foreach (var list in listFiles)
        {
            var listPath = Path.GetFullPath(list, workingDirectory);
            if (!File.Exists(listPath))
                throw new PeepshowException(ExitCodes.BadArguments, $"--from {list}: no such file");
            using var reader = File.OpenText(listPath);
            texts.AddRange(Lines(reader));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var inputs = new List<BatchInput>();
        foreach (var text in texts)
        {
            var input = BatchInput.From(text, workingDirectory);
            if (seen.Add(input.Source))
                inputs.Add(input);
        }
        return inputs;
    }

    private static IEnumerable<string> ExpandOne(string argument, string workingDirectory)
    {
        if (Uri.TryCreate(argument, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return [argument];
        var full = Path.GetFullPath(argument, workingDirectory);
        if (Directory.Exists(full))
            return Walk(full, recursive: true, _ => true);
        if (File.Exists(full) || !Glob.HasWildcards(argument))
            // A path that is not there stays an input: its run fails with the usual message, the others go on.
            return [full];
        return ExpandGlob(full);
    }

    /// <summary>
    /// The folder part before the first wildcard is walked; a pattern without <c>/</c> after it matches that
    /// folder's files only, one with <c>/</c> (or <c>**</c>) matches anywhere below it (<c>*</c> then crosses folders).
    /// </summary>
    private static IEnumerable<string> ExpandGlob(string full)
    {
        var wildcard = full.IndexOfAny(['*', '?']);
        var cut = full.LastIndexOf(Path.DirectorySeparatorChar, wildcard);
        var root = full[..Math.Max(cut, 1)];
        var rest = full[(cut + 1)..];
        if (!Directory.Exists(root))
            return [];
        var recursive = rest.Contains(Path.DirectorySeparatorChar) || rest.Contains("**", StringComparison.Ordinal);
        return Walk(root, recursive, relative => Glob.IsMatch(relative, rest), videosOnly: false);
    }

    private static IEnumerable<string> Walk(string root, bool recursive, Func<string, bool> match, bool videosOnly = true)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = recursive,
            // Hidden files and folders hold partial downloads and tool state, never the user's videos.
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
            MatchType = MatchType.Simple,
        };
        return Directory.EnumerateFiles(root, "*", options)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Where(f => !videosOnly || VideoExtensions.Contains(Path.GetExtension(f)))
            .Where(f => match(Path.GetRelativePath(root, f)))
            .Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Lines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            var text = line.Trim();
            if (text.Length > 0 && !text.StartsWith('#'))
                yield return text;
        }
    }
}
