using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Peepshow.Http;

/// <summary>
/// The one retry loop for HTTP: a Polly.Core pipeline (overall deadline → retry → per-attempt timeout) that follows a
/// <see cref="RetryPolicy"/>. It returns the last response for the caller to interpret (each backend has its own
/// error body) and lets <see cref="HttpRequestException"/> and <see cref="TimeoutRejectedException"/> through when the
/// network never answered; the caller turns those into its own error (a sink's exit 5, a transcript's skippedReason).
/// </summary>
public static class HttpRetry
{
    /// <param name="attempt">Sends one attempt; the token carries the per-attempt and overall timeouts.</param>
    /// <param name="isPermanent">
    /// A retryable status the caller knows will not get better (OpenAI's 429 for an exhausted quota); null when none.
    /// </param>
    /// <param name="onRetry">Narrates a retry: the failed attempt (1-based), what failed, the wait before the next.</param>
    public static async Task<HttpRetryResult> SendAsync(
        RetryPolicy policy,
        Func<CancellationToken, Task<HttpResponseMessage>> attempt,
        TimeProvider time,
        CancellationToken cancellationToken,
        Func<HttpResponseMessage, ValueTask<bool>>? isPermanent = null,
        Action<int, string, TimeSpan>? onRetry = null)
    {
        var deadline = time.GetUtcNow() + policy.Overall;
        RefusedWait? refused = null;
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(policy.Overall)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, policy.MaxAttempts - 1),
                ShouldHandle = async args =>
                {
                    var retry = await ShouldRetryAsync(policy, args.Outcome, args.AttemptNumber, deadline, time, isPermanent);
                    refused ??= retry.Refused;
                    return retry.Again;
                },
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    (args.Outcome.Result is { } response ? RetryPolicy.RetryAfter(response, time.GetUtcNow()) : null)
                    ?? policy.Backoff(args.AttemptNumber, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    var cause = args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : Describe(args.Outcome.Exception);
                    onRetry?.Invoke(args.AttemptNumber + 1, cause, args.RetryDelay);
                    // The failed response is never returned, so release its connection now.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(policy.PerAttempt)
            .Build();

        var response = await pipeline.ExecuteAsync(async ct => await attempt(ct), cancellationToken);
        return new HttpRetryResult(response, refused);
    }

    /// <summary>What failed, for retry and error lines: "timed out", "network error (NameResolutionError): …".</summary>
    public static string Describe(Exception? ex) => ex switch
    {
        TimeoutRejectedException => "timed out",
        HttpRequestException { HttpRequestError: var kind, InnerException: var inner } =>
            $"network error ({kind}){(inner is null ? "" : ": " + inner.Message)}",
        null => "unknown failure",
        _ => ex.Message,
    };

    /// <param name="attempt">0 for the first attempt.</param>
    private static async ValueTask<(bool Again, RefusedWait? Refused)> ShouldRetryAsync(
        RetryPolicy policy, Outcome<HttpResponseMessage> outcome, int attempt, DateTimeOffset deadline, TimeProvider time,
        Func<HttpResponseMessage, ValueTask<bool>>? isPermanent)
    {
        if (outcome.Exception is HttpRequestException or TimeoutRejectedException)
            return (true, null);
        if (outcome.Result is not { } response || !RetryPolicy.IsRetryable(response.StatusCode))
            return (false, null);
        if (isPermanent is not null && await isPermanent(response))
            return (false, null);
        // On the last attempt there is nothing to wait for; the answer goes back as it is.
        if (attempt + 1 >= policy.MaxAttempts)
            return (true, null);
        var now = time.GetUtcNow();
        // Waiting longer than the caller would, or than the budget left, only to fail then: stop now and say why.
        if (RetryPolicy.RetryAfter(response, now) is { } wait && (wait >= deadline - now || wait > policy.LongestWait))
            return (false, new RefusedWait(RetryPolicy.RequestedWait(response, now) ?? wait, deadline - now));
        return (true, null);
    }
}
