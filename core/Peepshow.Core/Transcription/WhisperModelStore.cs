using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Peepshow.Core.Transcription;

/// <summary>
/// The folder of whisper.cpp models (<c>ggml-&lt;model&gt;.bin</c>): which are present, and fetching a missing
/// one on first use into a temp file that is checked and then renamed, so a half-finished or bogus download
/// (a captive portal's HTML, a cut connection, a corrupted or substituted file) never sits where whisper.cpp
/// would load it. A model in <paramref name="known"/> (default <see cref="KnownWhisperModels.All"/>) must match
/// its exact size and SHA-256; any other is checked by length and ggml magic.
/// </summary>
public sealed partial class WhisperModelStore(TranscriptionSettings settings, IReadOnlyDictionary<string, KnownWhisperModel>? known = null)
{
    private readonly IReadOnlyDictionary<string, KnownWhisperModel> _known = known ?? KnownWhisperModels.All;

    /// <summary>whisper.cpp's <c>GGML_FILE_MAGIC</c>, the first little-endian uint32 of every ggml model file.</summary>
    private const uint GgmlMagic = 0x67676d6c;

    public string Directory => settings.ModelDir;

    public static string FileName(string model) => $"ggml-{model}.bin";

    public string PathFor(string model) => Path.Combine(settings.ModelDir, FileName(model));

    /// <summary>Where the model comes from; with downloads off, where to fetch it by hand.</summary>
    public string UrlFor(string model) => $"{(settings.ModelDownloadsOff ? TranscriptionSettings.DefaultModelBaseUrl : settings.ModelBaseUrl)}/{FileName(model)}";

    /// <summary>Model names become a file name and a URL path segment, so only a plain token is accepted.</summary>
    public static bool IsValidModelName(string model) => ModelNamePattern().IsMatch(model);

    /// <summary>Model names (<c>base.en</c>, ...) whose files are in the folder, sorted.</summary>
    public IReadOnlyList<string> Installed()
    {
        if (!System.IO.Directory.Exists(settings.ModelDir))
            return [];
        return System.IO.Directory.EnumerateFiles(settings.ModelDir, "ggml-*.bin")
            .Select(Path.GetFileName)
            .Select(name => name![5..^4])
            .Where(IsValidModelName)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>True when the file starts with the ggml magic number.</summary>
    public static bool LooksLikeModel(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> head = stackalloc byte[4];
            return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == GgmlMagic;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The model's path, downloading it first when missing. Throws <see cref="TranscriptionSkippedException"/>
    /// with instructions for placing the file by hand when it cannot be had.
    /// </summary>
    public async Task<string> EnsureAsync(string model, CancellationToken cancellationToken)
    {
        if (!IsValidModelName(model))
            throw new TranscriptionSkippedException($"'{model}' is not a whisper.cpp model name (expected e.g. base.en, small, large-v3-turbo; set {TranscriptionEnv.Model})");
        var path = PathFor(model);
        if (File.Exists(path))
        {
            return LooksLikeModel(path)
                ? path
                : throw new TranscriptionSkippedException($"{path} is not a ggml model file; delete it so peepshow downloads it again, or replace it with {UrlFor(model)}");
        }

        if (settings.ModelDownloadsOff)
            throw new TranscriptionSkippedException(MissingModelReason(model, $"downloads are off: {TranscriptionEnv.WhisperModelUrl}=off"));
        try
        {
            await DownloadAsync(model, path, cancellationToken);
            return path;
        }
        catch (Exception ex) when ((ex is HttpRequestException or IOException or UnauthorizedAccessException or InvalidDataException or OperationCanceledException)
                                   && !cancellationToken.IsCancellationRequested)
        {
            throw new TranscriptionSkippedException(MissingModelReason(model, Describe(ex)), ex);
        }
    }

    /// <summary>The documented skippedReason for a model that is missing and could not be downloaded.</summary>
    public string MissingModelReason(string model, string why) =>
        $"whisper.cpp model {FileName(model)} is missing and could not be downloaded ({why}); " +
        $"download {UrlFor(model)} and save it as {PathFor(model)} (or set {TranscriptionEnv.WhisperModelDir} to a folder that has it)";

    private async Task DownloadAsync(string model, string path, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(settings.ModelDir);
        var temp = Path.Combine(settings.ModelDir, $".{FileName(model)}.{Environment.ProcessId}.{Guid.NewGuid():N}.part");
        var url = UrlFor(model);
        // One deadline for headers and body: HttpClient.Timeout stops at the headers, and a stalled body must not hang the run.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        cancellationToken = deadline.Token;
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(20) }) { Timeout = Timeout.InfiniteTimeSpan };
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new HttpRequestException($"HTTP {(int)response.StatusCode} from {url}", null, response.StatusCode);

            var pinned = _known.GetValueOrDefault(model);
            var announced = response.Content.Headers.ContentLength;
            if (pinned is not null && announced is { } a && a != pinned.Bytes)
                throw new InvalidDataException($"{url} announced {a} bytes, but {FileName(model)} has {pinned.Bytes}");
            var expected = pinned?.Bytes ?? announced;
            settings.Progress?.WriteLine($"peepshow: downloading whisper model {FileName(model)}{(expected is { } e ? $" ({Megabytes(e)})" : "")} to {settings.ModelDir} (first use)");

            long written;
            string sha256;
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                (written, sha256) = await CopyWithProgressAsync(body, file, expected, model, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            if (expected is { } length && written != length)
                throw new InvalidDataException(written < length ? $"download ended after {written} of {length} bytes" : $"download sent more than the {length} bytes of {FileName(model)}");
            if (pinned is not null && !string.Equals(sha256, pinned.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"the downloaded file is corrupt (its SHA-256 is not the published one of {FileName(model)})");
            if (!LooksLikeModel(temp))
                throw new InvalidDataException($"{url} did not return a ggml model file");
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    /// <summary>
    /// Copies the body and hashes it on the way, reporting every quarter as a plain line: readable in a log or
    /// an agent's transcript, and no carriage-return redraws to fight the run's own progress bar on a terminal.
    /// Stops one chunk past <paramref name="expected"/>: a server sending more than the model is not waited out.
    /// </summary>
    private async Task<(long Written, string Sha256)> CopyWithProgressAsync(Stream body, Stream file, long? expected, string model, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long written = 0;
        var reported = 0;
        int n;
        while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            hash.AppendData(buffer, 0, n);
            written += n;
            if (written > expected)
                break;
            if (settings.Progress is { } progress && expected is > 0 && written * 4 / expected.Value is var quarter && quarter > reported && quarter < 4)
            {
                reported = (int)quarter;
                progress.WriteLine($"peepshow: {FileName(model)} {quarter * 25}% ({Megabytes(written)} of {Megabytes(expected.Value)})");
            }
        }
        return (written, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");

    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException { InnerException: { } inner } => inner.Message,
        OperationCanceledException => "the download timed out",
        _ => ex.Message,
    };

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ModelNamePattern();
}
