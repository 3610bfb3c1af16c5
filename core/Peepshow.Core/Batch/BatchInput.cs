namespace Peepshow.Core.Batch;

/// <summary>
/// One input of a batch: what the run is given (<see cref="Source"/>) and what identifies it.
/// </summary>
/// <param name="Source">The full path of a file, or the URL as given.</param>
/// <param name="Size">The file's length in bytes; null for a URL or a file that is not there.</param>
/// <param name="Modified">The file's last write time; null for a URL or a file that is not there.</param>
public sealed record BatchInput(string Source, long? Size, DateTimeOffset? Modified)
{
    public bool IsUrl => Uri.TryCreate(Source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>A file as it is now (full path, size, modification time), or a URL.</summary>
    /// <param name="workingDirectory">Where a relative path starts.</param>
    public static BatchInput From(string text, string workingDirectory)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return new BatchInput(text, null, null);
        var path = Path.GetFullPath(text, workingDirectory);
        var file = new FileInfo(path);
        return file.Exists
            ? new BatchInput(path, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero))
            : new BatchInput(path, null, null);
    }
}
