using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Sinks.Common.Delivery;

/// <summary>
/// The one way a sink talks HTTP: a Polly.Core pipeline (overall deadline → retry → per-attempt timeout)
/// around HttpClient. Returns the final response for the sink to interpret (each backend has its own
/// error body); throws <see cref="SinkException"/> (exit 5) when the network never answered.
/// </summary>
public sealed class SinkHttpClient : IDisposable
{
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
        })
        {
            // Timeouts belong to the pipeline so that a timeout is retried like any other transient failure.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("peepshow-sink", SinkApp.Version));
    }

    /// <summary>Number of HTTP attempts made by this client so far, over all its requests (for success lines and specs).</summary>
    public int Attempts { get; private set; }

    /// <summary>
    /// Sends the request built by <paramref name="createRequest"/> (called once per attempt, since a request
    /// message cannot be sent twice), retrying transient failures. Caller owns the returned response.
    /// </summary>
    /// <param name="what">Short label for log and error lines, e.g. "POST /api/2.0/sql/statements".</param>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, string what, CancellationToken cancellationToken)
    {
        var pipeline = BuildPipeline(what);
        // Error lines count the attempts of this request: a sink that made other requests first (a schema
        // check, a create-table) must not report those as retries of the one that failed.
        var attempts = 0;
        try
        {
            return await pipeline.ExecuteAsync(async ct =>
            {
                attempts++;
                Attempts++;
                using var request = createRequest();
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            }, cancellationToken);
        }
        catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw SinkException.Remote($"{what}: no answer within {Seconds(_policy.Overall)} s after {attempts} attempt(s)", ex);
        }
        catch (HttpRequestException ex)
        {
            throw SinkException.Remote($"{what}: {Describe(ex)} after {attempts} attempt(s)", ex);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(string what) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
            .AddTimeout(_policy.Overall)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, _policy.MaxAttempts - 1),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => RetryPolicy.IsRetryable(r.StatusCode)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    (args.Outcome.Result is { } response ? RetryPolicy.RetryAfter(response, _time.GetUtcNow()) : null)
                    ?? _policy.Backoff(args.AttemptNumber, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    var cause = args.Outcome.Result is { } r
                        ? $"HTTP {(int)r.StatusCode}"
                        : Describe(args.Outcome.Exception);
                    _log.WriteLine($"retry: {what} attempt {args.AttemptNumber + 1}/{_policy.MaxAttempts} failed ({cause}); next in {args.RetryDelay.TotalSeconds:0.0} s");
                    // The failed response is never returned, so release its connection now.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(_policy.PerAttempt)
            .Build();

    private static string Describe(Exception? ex) => ex switch
    {
        TimeoutRejectedException => "timed out",
        HttpRequestException { HttpRequestError: var kind, InnerException: var inner } =>
            $"network error ({kind}){(inner is null ? "" : ": " + inner.Message)}",
        null => "unknown failure",
        _ => ex.Message,
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();
}
