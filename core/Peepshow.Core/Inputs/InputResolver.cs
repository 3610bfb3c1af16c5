using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Inputs;

/// <summary>
/// Turns what the user typed into a local file ffmpeg can read: a path as is; an http(s) URL, a data URI,
/// stdin (<c>-</c>) or a path that is a pipe or a device (a FIFO, <c>/dev/stdin</c>, <c>&lt;(cat clip.mp4)</c>)
/// copied into the run folder as <c>input.&lt;ext&gt;</c>, within the size cap. A URL of a web page rather than a
/// video file (a known video site, or a server answering with HTML) goes to <paramref name="pages"/> (yt-dlp).
/// Every failure is exit 4 with one line saying what is wrong with the input.
/// </summary>
/// <param name="pages">Downloads the video on a web page; null means yt-dlp is not available.</param>
/// <param name="workingDirectory">Where a relative path starts; null for this process's current directory.</param>
public sealed class InputResolver(InputLimits limits, HttpMessageHandler? httpHandler = null, PageDownloader? pages = null, string? workingDirectory = null)
{
    /// <summary>The value that means "read the video from stdin".</summary>
    public const string StdinMarker = "-";

    public async Task<ResolvedInput> ResolveAsync(string input, string runDir, StdinSource stdin, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input))
            throw Unresolvable("no input given");
        if (input == StdinMarker)
            return await FromStdinAsync(runDir, stdin, cancellationToken);
        if (input.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return await FromDataUriAsync(input, runDir, cancellationToken);
        if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return await FromUrlAsync(uri, runDir, cancellationToken);
        if (Uri.TryCreate(input, UriKind.Absolute, out var fileUri) && fileUri.IsFile && input.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return await FromPathAsync(fileUri.LocalPath, runDir, cancellationToken);
        if (Uri.TryCreate(input, UriKind.Absolute, out var other) && other.Scheme.Length > 1 && input.Contains("://", StringComparison.Ordinal))
            throw Unresolvable($"unsupported URL scheme '{other.Scheme}': use a local path, http(s) URL, data URI or - for stdin");
        return await FromPathAsync(input, runDir, cancellationToken);
    }

    private async Task<ResolvedInput> FromUrlAsync(Uri uri, string runDir, CancellationToken cancellationToken)
    {
        var pageDownloader = pages ?? new PageDownloader(YtDlp.None, limits);
        if (VideoSites.IsVideoPage(uri))
            return await pageDownloader.DownloadAsync(uri, runDir, cancellationToken);
        // Only the response's headers or first bytes are read before a web page is handed over: yt-dlp fetches it again.
        return await new Downloader(limits, httpHandler).DownloadAsync(uri, runDir, cancellationToken)
            ?? await pageDownloader.DownloadAsync(uri, runDir, cancellationToken);
    }

    private async Task<ResolvedInput> FromPathAsync(string path, string runDir, CancellationToken cancellationToken)
    {
        var full = workingDirectory is null ? Path.GetFullPath(path) : Path.GetFullPath(path, workingDirectory);
        if (Directory.Exists(full))
            throw Unresolvable($"{path} is a directory, not a video file");
        var file = new FileInfo(full);
        if (!file.Exists)
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"{path}: no such file")
            {
                Hint = "check the path; URLs must start with http:// or https://",
            };
        FileStream opened;
        try
        {
            opened = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        }
        catch (UnauthorizedAccessException)
        {
            throw Unresolvable($"{path}: permission denied");
        }
        catch (IOException ex)
        {
            throw Unresolvable($"{path}: {ex.Message}");
        }
        await using (opened)
        {
            // A pipe (a FIFO, /dev/stdin, the /dev/fd/N that <(…) gives) cannot seek and a character device has
            // no size: ffmpeg could not read them again, so what they send is copied, like stdin.
            if (!opened.CanSeek || opened.Length == 0)
                return await FromStreamPathAsync(opened, path, full, runDir, cancellationToken);
        }

        return new ResolvedInput(full, new InputInfo
        {
            Kind = InputKinds.Path,
            Path = full,
            Filename = file.Name,
            Extension = ExtensionOf(file.Name),
            SizeBytes = file.Length,
        }, file.Name);
    }

    private async Task<ResolvedInput> FromStdinAsync(string runDir, StdinSource stdin, CancellationToken cancellationToken)
    {
        if (stdin.IsTerminal)
            throw new PeepshowException(ExitCodes.InputUnresolvable, "input is - but stdin is a terminal, not a video")
            {
                Hint = "pipe the bytes in: cat clip.mp4 | peepshow -",
            };
        var temp = Path.Combine(runDir, "input.part");
        long size;
        await using (var source = stdin.Open())
        await using (var target = File.Create(temp))
        {
            size = await CopyCappedAsync(source, target, limits.MaxBytes, "stdin", cancellationToken);
        }
        if (size == 0)
        {
            File.Delete(temp);
            throw Unresolvable("stdin was empty: no video bytes arrived");
        }
        return Finish(temp, runDir, InputKinds.Stdin, hintExtension: null, size, url: null, filename: null, "stdin");
    }

    /// <summary>
    /// A path that cannot seek or has no size: an empty file, or a pipe or device whose bytes are copied (like
    /// stdin, within the size cap) when they start like a video; /dev/zero and /dev/urandom are refused from
    /// their first bytes, not after 2 GB.
    /// </summary>
    private async Task<ResolvedInput> FromStreamPathAsync(FileStream source, string path, string full, string runDir, CancellationToken cancellationToken)
    {
        var head = new byte[MediaSniffer.HeaderSize];
        var read = 0;
        int n;
        while (read < head.Length && (n = await source.ReadAsync(head.AsMemory(read), cancellationToken).AsTask().WaitAsync(cancellationToken)) > 0)
            read += n;
        if (read == 0)
            throw Unresolvable(source.CanSeek ? $"{path} is empty (0 bytes)" : $"{path} is a pipe that sent no bytes");
        if (MediaSniffer.Extension(head.AsSpan(0, read)) is null)
            throw new PeepshowException(ExitCodes.InputUnresolvable,
                $"{path} is not a regular file (a pipe or a device), and what it sends does not start like a video or an animated image")
            {
                Hint = "save the video to a file and pass its path",
            };

        var temp = Path.Combine(runDir, "input.part");
        long size;
        await using (var target = File.Create(temp))
        {
            await target.WriteAsync(head.AsMemory(0, read), cancellationToken);
            size = await CopyCappedAsync(source, target, limits.MaxBytes, path, cancellationToken, alreadyCopied: read);
        }
        var resolved = Finish(temp, runDir, InputKinds.Path, hintExtension: null, size, url: null, filename: Path.GetFileName(full), path);
        return resolved with { Info = resolved.Info with { Path = full } };
    }

    private static async Task<ResolvedInput> FromDataUriAsync(string input, string runDir, CancellationToken cancellationToken)
    {
        var data = DataUri.Parse(input);
        var path = Path.Combine(runDir, "input." + data.Extension);
        await File.WriteAllBytesAsync(path, data.Bytes, cancellationToken);
        return new ResolvedInput(path, new InputInfo
        {
            Kind = InputKinds.DataUri,
            Path = path,
            Filename = Path.GetFileName(path),
            Extension = data.Extension,
            SizeBytes = data.Bytes.Length,
        }, $"data URI ({data.MediaType})");
    }

    /// <summary>Renames a downloaded or piped <c>input.part</c> to <c>input.&lt;ext&gt;</c> using its bytes to pick the extension.</summary>
    internal static ResolvedInput Finish(string tempPath, string runDir, string kind, string? hintExtension, long size, string? url, string? filename, string displayName)
    {
        var sniffed = MediaSniffer.Extension(MediaSniffer.ReadHead(tempPath));
        var extension = sniffed ?? hintExtension ?? "bin";
        var path = Path.Combine(runDir, "input." + extension);
        File.Move(tempPath, path, overwrite: true);
        return new ResolvedInput(path, new InputInfo
        {
            Kind = kind,
            Path = path,
            Url = url,
            Filename = filename ?? Path.GetFileName(path),
            Extension = extension,
            SizeBytes = size,
        }, displayName);
    }

    internal static async Task<long> CopyCappedAsync(Stream source, Stream target, long maxBytes, string what, CancellationToken cancellationToken, long alreadyCopied = 0)
    {
        var buffer = new byte[128 * 1024];
        var total = alreadyCopied;
        while (true)
        {
            // A terminal or a pipe read ignores the token; WaitAsync lets Ctrl+C through anyway.
            var n = await source.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(cancellationToken);
            if (n == 0)
                return total;
            total += n;
            if (total > maxBytes)
                throw new PeepshowException(ExitCodes.InputUnresolvable, $"{what} is larger than the {maxBytes / (1024 * 1024)} MB limit")
                {
                    Hint = $"raise it with {InputLimits.MaxBytesEnv}=<megabytes>, or download the file and pass its path",
                };
            await target.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }
    }

    internal static string? ExtensionOf(string name)
    {
        var ext = Path.GetExtension(name);
        return string.IsNullOrEmpty(ext) ? null : ext[1..].ToLowerInvariant();
    }

    internal static PeepshowException Unresolvable(string message) => new(ExitCodes.InputUnresolvable, message);
}
