using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Polly.Timeout;
using Peepshow.Http;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Sinks.Common.Delivery;

/// <summary>
/// The one way a sink talks HTTP: <see cref="HttpRetry"/> (the Polly pipeline the HTTP transcriber uses too)
/// around HttpClient. Returns the final response for the sink to interpret (each backend has its own
/// error body); throws <see cref="SinkException"/> (exit 5) when the network never answered.
/// </summary>
/// <remarks>
/// Requests carry credentials and the run, so they go to the configured host only. A redirect is followed only
/// within the same scheme, host and port, and only when it keeps the method (307/308, or any redirect of a GET);
/// every other redirect is a configuration error (exit 2) naming where it pointed.
/// </remarks>
public sealed class SinkHttpClient : IDisposable
{
    /// <summary>Most redirects followed within one attempt; more is a loop.</summary>
    public const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly RetryPolicy _policy;
    private readonly TextWriter _log;
    private readonly TimeProvider _time;

    /// <param name="log">Where retries are narrated (the sink's stderr: shown by peepshow only on failure).</param>
    /// <param name="handler">For specs that need a custom handler; production uses SocketsHttpHandler.</param>
    public SinkHttpClient(RetryPolicy policy, TextWriter log, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        _policy = policy;
        _log = log;
        _time = time ?? TimeProvider.System;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.All,
            // Redirects are judged here (see the remarks): the handler would re-send the body, and some headers, anywhere.
            AllowAutoRedirect = false,
        })
        {
            // Timeouts belong to the pipeline so that a timeout is retried like any other transient failure.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("peepshow-sink", SinkApp.Version));
    }

    /// <summary>The variable holding the backend URL (e.g. <c>CASSANDRA_URL</c>), named in redirect errors.</summary>
    public string? EndpointVariable { get; init; }

    /// <summary>Number of HTTP attempts made by this client so far, over all its requests (for success lines and specs).</summary>
    public int Attempts { get; private set; }

    /// <summary>
    /// Sends the request built by <paramref name="createRequest"/> (called once per attempt, since a request
    /// message cannot be sent twice), retrying transient failures. Caller owns the returned response.
    /// </summary>
    /// <param name="what">Short label for log and error lines, e.g. "POST /api/2.0/sql/statements".</param>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string what, CancellationToken cancellationToken)
    {
        // Error lines count the attempts of this request: a sink that made other requests first (a schema
        // check, a create-table) must not report those as retries of the one that failed.
        var attempts = 0;
        HttpRetryResult result;
        try
        {
            result = await HttpRetry.SendAsync(_policy, async ct =>
            {
                attempts++;
                Attempts++;
                return await SendWithinOriginAsync(createRequest, what, ct);
            }, _time, cancellationToken,
            onRetry: (attempt, cause, delay) =>
                _log.WriteLine($"retry: {what} attempt {attempt}/{_policy.MaxAttempts} failed ({cause}); next in {delay.TotalSeconds:0.0} s"));
        }
        catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw SinkException.Remote($"{what}: no answer within {Seconds(_policy.Overall)} s after {attempts} attempt(s)", ex);
        }
        catch (HttpRequestException ex)
        {
            throw SinkException.Remote($"{what}: {HttpRetry.Describe(ex)} after {attempts} attempt(s)", ex);
        }

        var response = result.Response;
        if (result.Refused is { } refused)
        {
            // Waiting would outlast the budget and then fail anyway, blaming silence for what was a clear answer.
            using (response)
            {
                var line = await HttpDump.ResponseLineAsync(response, 200, cancellationToken);
                throw SinkException.Remote(
                    $"{what}: {line}; the server asked to retry after {Seconds(refused.Asked)} s, more than the {Math.Floor(Math.Max(0, refused.Left.TotalSeconds)).ToString("0", CultureInfo.InvariantCulture)} s "
                    + $"left of the retry budget ({EnvNames.SinkMaxSeconds}={Seconds(_policy.Overall)}), so the sink stopped instead of waiting");
            }
        }
        return response;
    }

    /// <summary>One attempt: the request, and any redirects it may follow (same scheme, host and port, method kept).</summary>
    private async Task<HttpResponseMessage> SendWithinOriginAsync(Func<HttpRequestMessage> createRequest, string what, CancellationToken cancellationToken)
    {
        Uri? redirectedTo = null;
        for (var hops = 0; ; hops++)
        {
            using var request = createRequest();
            if (redirectedTo is not null)
                request.RequestUri = redirectedTo;
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                return response;

            var status = (int)response.StatusCode;
            response.Dispose();
            var from = request.RequestUri!;
            var to = new Uri(from, location);
            var variable = EndpointVariable ?? "the sink's URL";
            if (!IsSameOrigin(from, to))
                throw SinkException.Config(
                    $"{what} was redirected to {Show(to)} (HTTP {status}), {Difference(from, to)} than {variable} names; the sink sends credentials and runs "
                    + $"only to the configured host and never follows a redirect to another host, port or scheme. If {to.Scheme}://{to.Authority} is the right address, set {variable} to it");
            if (status is not (307 or 308) && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
                throw SinkException.Config(
                    $"{what} was redirected to {Show(to)} (HTTP {status}), which would turn the {request.Method} into a GET and drop what it carries; "
                    + $"set {variable} to the address the server wants");
            if (hops >= MaxRedirects)
                throw SinkException.Config($"{what} was redirected more than {MaxRedirects} times, last to {Show(to)}; check {variable}");
            redirectedTo = to;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static bool IsSameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private static string Difference(Uri from, Uri to) =>
        !string.Equals(from.Scheme, to.Scheme, StringComparison.OrdinalIgnoreCase) ? "another scheme"
        : !string.Equals(from.IdnHost, to.IdnHost, StringComparison.OrdinalIgnoreCase) ? "another host"
        : "another port";

    /// <summary>A URL for an error line: credentials in it become <c>***</c>, and its query (which may carry a signature or key) is left out.</summary>
    internal static string Show(Uri uri) =>
        $"{uri.Scheme}://{(uri.UserInfo.Length > 0 ? "***@" : "")}{uri.Authority}{uri.AbsolutePath}{(uri.Query.Length > 1 ? "?…" : "")}";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();
}
