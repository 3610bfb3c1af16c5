using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap;
using Peepshow.Core.Processes;
using Peepshow.Core.Runs;

namespace Peepshow.Core.Inputs;

/// <summary>
/// Downloads the video on a web page (YouTube, Vimeo, any page with a <c>&lt;video&gt;</c>) with yt-dlp into the run
/// folder as <c>input.&lt;ext&gt;</c>: an mp4 of at most 1080p when the site offers one, then whatever
/// <see cref="YtDlp.ExtraArguments"/> asks for. yt-dlp works in a private folder inside the run folder that is
/// removed whatever happens, so a failed or interrupted download leaves no part files behind; Ctrl+C kills its
/// process tree (its ffmpeg merge included). The page's title, uploader and address become the input's tags.
/// </summary>
/// <param name="environment">The run's variables, handed to yt-dlp as they are to every child process; null is this process's own.</param>
public sealed partial class PageDownloader(YtDlp ytDlp, InputLimits limits, string? ffmpegPath = null, IRunProgress? progress = null, EnvironmentVariables? environment = null)
{
    private const string ProgressPrefix = "peepshow-progress ";

    /// <summary>The folder yt-dlp downloads into, inside the run folder (same file system: the finished file is renamed, not copied).</summary>
    public const string WorkFolderName = ".yt-dlp";

    public async Task<ResolvedInput> DownloadAsync(Uri uri, string runDir, CancellationToken cancellationToken)
    {
        var shown = UrlRedaction.Redact(uri);
        if (ytDlp.Path is null)
            throw InputResolver.Unresolvable($"{shown} is a web page, not a video file; downloading its video needs yt-dlp, which is not installed: {YtDlp.InstallHint}");

        var work = Path.Combine(runDir, WorkFolderName);
        Directory.CreateDirectory(work);
        try
        {
            return await RunAsync(ytDlp.Path, uri, shown, runDir, work, cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the run folder's own cleanup removes it with the run when the run fails.
            }
        }
    }

    private async Task<ResolvedInput> RunAsync(string program, Uri uri, string shown, string runDir, string work, CancellationToken cancellationToken)
    {
        var watch = new DownloadWatch(limits.MaxBytes, progress);
        string? infoLine = null;
        var stderr = new TailBuffer(64 * 1024);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var command = Cli.Wrap(program)
            .WithArguments(Arguments(uri))
            .WithWorkingDirectory(work)
            .WithEnvironmentVariables(environment?.Changes ?? EnvironmentVariables.Process.Changes)
            // Titles and errors in any language, whatever the locale.
            .WithEnvironmentVariable("PYTHONIOENCODING", "utf-8")
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                if (line.StartsWith(ProgressPrefix, StringComparison.Ordinal))
                {
                    if (!watch.Report(line[ProgressPrefix.Length..]))
                        abort.Cancel();
                }
                else if (line.StartsWith('{'))
                {
                    infoLine = line;
                }
            }))
            .WithStandardErrorPipe(stderr.ToPipeTarget());

        ProcessResult result;
        try
        {
            result = await command.RunAsync(cancellationToken: abort.Token);
        }
        catch (OperationCanceledException) when (watch.TooLarge && !cancellationToken.IsCancellationRequested)
        {
            throw TooLarge(shown);
        }
        catch (CommandStartException ex)
        {
            throw InputResolver.Unresolvable($"cannot run yt-dlp for {shown}: {ex.InnerException?.Message ?? ex.Message}");
        }

        if (!result.IsSuccess)
        {
            var reason = ErrorReason(stderr.ToString());
            if (reason is null)
                throw InputResolver.Unresolvable($"cannot download the video on {shown}: yt-dlp exited with code {result.ExitCode}");
            if (reason == NoVideo)
                throw InputResolver.Unresolvable($"no video found on {shown}: yt-dlp recognises no player or <video> on the page");
            throw new PeepshowException(ExitCodes.InputUnresolvable, $"cannot download the video on {shown}: {reason}")
            {
                Hint = $"a page that needs a login wants your cookies: {YtDlp.ArgsEnv}='--cookies cookies.txt' (docs/extraction.md)",
            };
        }

        var info = infoLine is null ? null : JsonSerializer.Deserialize(infoLine, CoreJsonContext.Default.YtDlpInfo);
        if (info?.FilePath is not { } file || !File.Exists(file))
            throw InputResolver.Unresolvable($"cannot download the video on {shown}: yt-dlp finished without writing a video file");
        var size = new FileInfo(file).Length;
        if (size > limits.MaxBytes)
            throw TooLarge(shown);
        if (size == 0)
            throw InputResolver.Unresolvable($"cannot download the video on {shown}: yt-dlp wrote an empty file");

        var resolved = InputResolver.Finish(file, runDir, InputKinds.Url, InputResolver.ExtensionOf(file), size, shown, filename: null, shown);
        return resolved with { Tags = info.ToTags(uri) };
    }

    /// <summary>
    /// The defaults first, so <see cref="YtDlp.ExtraArguments"/> can override them (yt-dlp keeps the last of an
    /// option given twice); the URL last, after <c>--</c>.
    /// </summary>
    internal IReadOnlyList<string> Arguments(Uri uri)
    {
        var args = new List<string>
        {
            // The user's yt-dlp config could rename or redirect the output; PEEPSHOW_YTDLP_ARGS is the one way in
            // (it can name a config with --config-locations).
            "--ignore-config",
            // One video: a watch link inside a playlist means that video, a page with several <video>s the first.
            "--no-playlist", "--playlist-items", "1",
            // Prefer the largest picture up to 1080p, mp4 over other containers; never fails for lack of such a format.
            "--format-sort", "res:1080,ext:mp4:m4a",
            "--merge-output-format", "mp4",
            "--socket-timeout", limits.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            "--output", "input.%(ext)s",
            "--no-mtime",
            "--progress", "--newline",
            "--progress-template", $"download:{ProgressPrefix}%(progress.downloaded_bytes)s %(progress.total_bytes)s %(progress.total_bytes_estimate)s",
            "--print", YtDlpInfo.PrintTemplate,
        };
        if (ffmpegPath is not null)
            args.AddRange(["--ffmpeg-location", ffmpegPath]);
        args.AddRange(ytDlp.ExtraArguments);
        args.AddRange(["--", uri.OriginalString]);
        return args;
    }

    private PeepshowException TooLarge(string shown) =>
        new(ExitCodes.InputUnresolvable, $"cannot download the video on {shown}: larger than the {limits.MaxBytes / (1024 * 1024)} MB limit")
        {
            Hint = $"raise it with {InputLimits.MaxBytesEnv}=<megabytes>, or ask for a smaller format: {YtDlp.ArgsEnv}='-f \"b[height<=480]\"'",
        };

    private const string NoVideo = "no video";

    /// <summary>
    /// yt-dlp's last <c>ERROR:</c> line made into one clear clause: without the extractor prefix, the Python cause,
    /// the request to report a bug, and with credentials in URLs masked. <see cref="NoVideo"/> for a page without one.
    /// </summary>
    internal static string? ErrorReason(string stderr)
    {
        var line = stderr.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("ERROR: ", StringComparison.Ordinal));
        if (line is null)
            return null;
        line = line["ERROR: ".Length..];
        if (line.StartsWith("Unsupported URL:", StringComparison.Ordinal))
            return NoVideo;
        line = ExtractorPrefix().Replace(line, "");
        foreach (var tail in new[] { "; please report this issue", " (caused by ", "; Confirm you are on the latest version" })
        {
            var at = line.IndexOf(tail, StringComparison.Ordinal);
            if (at > 0)
                line = line[..at];
        }
        line = UrlOpenError().Replace(line, "$1");
        line = AnyUrl().Replace(line, m => Uri.TryCreate(m.Value, UriKind.Absolute, out var u) ? UrlRedaction.Redact(u) : m.Value);
        return line.TrimEnd('.', ' ');
    }

    // "[generic] None: ", "[youtube] dQw4w9WgXcQ: ", "[vimeo] 76979871: "
    [GeneratedRegex(@"^\[[^\]]+\]\s+(?:[^\s:]+:\s+)?")]
    private static partial Regex ExtractorPrefix();

    // "<urlopen error [Errno 111] Connection refused>" → "Connection refused"
    [GeneratedRegex(@"<urlopen error (?:\[Errno -?\d+\] )?([^>]*)>")]
    private static partial Regex UrlOpenError();

    [GeneratedRegex(@"https?://[^\s'""<>]+")]
    private static partial Regex AnyUrl();

    /// <summary>Turns yt-dlp's progress lines into the run's progress, and stops a download that outgrows the size cap.</summary>
    private sealed class DownloadWatch(long maxBytes, IRunProgress? progress)
    {
        private bool _staged;
        private double? _stageTotal;

        public bool TooLarge { get; private set; }

        /// <summary>False when the download must stop: it is, or announces it will be, larger than the cap.</summary>
        public bool Report(string fields)
        {
            var parts = fields.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var downloaded = Number(parts.ElementAtOrDefault(0));
            var total = Number(parts.ElementAtOrDefault(1)) ?? Number(parts.ElementAtOrDefault(2));
            if (downloaded > maxBytes || total > maxBytes)
            {
                TooLarge = true;
                return false;
            }
            // Video and audio arrive one after the other, each with its own total: a new stage for each.
            var exact = Number(parts.ElementAtOrDefault(1));
            if (!_staged || exact != _stageTotal)
            {
                _staged = true;
                _stageTotal = exact;
                progress?.Stage("downloading", exact);
            }
            if (downloaded is { } d)
                progress?.Report(d);
            return true;
        }

        private static double? Number(string? text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
