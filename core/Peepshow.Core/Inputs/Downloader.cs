using System.Net;
using System.Net.Sockets;

namespace Peepshow.Core.Inputs;

/// <summary>Streams an http(s) URL into the run folder with a size cap and stall timeouts.</summary>
internal sealed class Downloader(InputLimits limits, HttpMessageHandler? handler)
{
    /// <summary>The downloaded input, or null when the server sent a web page (an HTML content type, or bytes that start like HTML).</summary>
    public async Task<ResolvedInput?> DownloadAsync(Uri uri, string runDir, CancellationToken cancellationToken)
    {
        var shown = UrlRedaction.Redact(uri);
        using var client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = limits.Timeout,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.None,
        }, disposeHandler: handler is null)
        {
            // Our own per-stage timeouts below give clearer messages than HttpClient's single deadline.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd($"peepshow/{typeof(Downloader).Assembly.GetName().Version?.ToString(3) ?? "0"}");

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(limits.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, stall.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw Failure(shown, ex, limits.Timeout);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new PeepshowException(ExitCodes.InputUnresolvable,
                    $"cannot download {shown}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd())
                {
                    Hint = (int)response.StatusCode is 401 or 403
                        ? "the server wants credentials; download the file yourself and pass its path"
                        : "check the URL in a browser or with curl -I",
                };
            }
            if (IsWebPage(response.Content.Headers.ContentType?.MediaType))
                return null;
            if (response.Content.Headers.ContentLength is { } length && length > limits.MaxBytes)
                throw new PeepshowException(ExitCodes.InputUnresolvable, $"cannot download {shown}: {length / (1024 * 1024)} MB is larger than the {limits.MaxBytes / (1024 * 1024)} MB limit")
                {
                    Hint = $"raise it with {InputLimits.MaxBytesEnv}=<megabytes>",
                };

            var filename = FileNameOf(response, uri);
            var temp = Path.Combine(runDir, "input.part");
            long? copied;
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
                await using var file = File.Create(temp);
                copied = await CopyWithStallTimeoutAsync(body, file, stall, shown, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                File.Delete(temp);
                throw Failure(shown, ex, limits.Timeout);
            }
            if (copied is not { } size)
            {
                File.Delete(temp);
                return null;
            }
            if (size == 0)
            {
                File.Delete(temp);
                throw InputResolver.Unresolvable($"cannot download {shown}: the server sent an empty body");
            }
            var hint = InputResolver.ExtensionOf(filename ?? "") ?? ExtensionFromContentType(response.Content.Headers.ContentType?.MediaType);
            return InputResolver.Finish(temp, runDir, InputKinds.Url, hint, size, shown, filename, shown);
        }
    }

    /// <summary>The bytes copied, or null when the first ones are a web page's (nothing more is read then).</summary>
    private async Task<long?> CopyWithStallTimeoutAsync(Stream body, Stream file, CancellationTokenSource stall, string shown, CancellationToken cancellationToken)
    {
        var buffer = new byte[128 * 1024];
        long total = 0;
        while (true)
        {
            // Each read gets the full stall budget: a slow but steady download is fine, a dead one is not.
            stall.CancelAfter(limits.Timeout);
            var n = await body.ReadAsync(buffer, stall.Token);
            if (n == 0)
                return total;
            // A server that labels its pages as octet-stream (or not at all): the first bytes tell.
            if (total == 0 && MediaSniffer.LooksLikeHtml(buffer.AsSpan(0, n)))
                return null;
            total += n;
            if (total > limits.MaxBytes)
                throw new PeepshowException(ExitCodes.InputUnresolvable, $"cannot download {shown}: larger than the {limits.MaxBytes / (1024 * 1024)} MB limit")
                {
                    Hint = $"raise it with {InputLimits.MaxBytesEnv}=<megabytes>",
                };
            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }
    }

    private static PeepshowException Failure(string shown, Exception ex, TimeSpan timeout)
    {
        var socket = ex as SocketException ?? ex.InnerException as SocketException ?? ex.InnerException?.InnerException as SocketException;
        var reason = socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
            SocketError.TimedOut => $"no connection within {timeout.TotalSeconds:0.#}s",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
            SocketError.ConnectionReset => "connection reset by the server",
            _ when ex is OperationCanceledException or TimeoutException || ex.InnerException is TimeoutException => $"timed out after {timeout.TotalSeconds:0.#}s without data",
            _ => FirstLine(ex.Message),
        };
        return new PeepshowException(ExitCodes.InputUnresolvable, $"cannot download {shown}: {reason}", ex)
        {
            Hint = ex is OperationCanceledException ? $"raise the limit with {InputLimits.TimeoutEnv}=<seconds>" : null,
        };
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string? FileNameOf(HttpResponseMessage response, Uri uri)
    {
        var fromHeader = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
        if (!string.IsNullOrWhiteSpace(fromHeader))
            return Path.GetFileName(fromHeader.Trim('"'));
        var last = Uri.UnescapeDataString(uri.Segments.LastOrDefault() ?? "").Trim('/');
        return string.IsNullOrEmpty(last) ? null : last;
    }

    private static string? ExtensionFromContentType(string? mediaType) => mediaType is null ? null : DataUri.ExtensionFor(mediaType);

    private static bool IsWebPage(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
                                  || mediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));
}
