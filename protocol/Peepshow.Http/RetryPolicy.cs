using System.Globalization;
using System.Net;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Http;

/// <summary>
/// When and how long an HTTP request is retried (docs/PLUGINS.md "Delivery rules"), by the sinks and by the HTTP
/// transcriber alike: network errors, timeouts, 408, 429 and 5xx except 501/505; exponential backoff from 1 s
/// doubling to a 30 s cap with full jitter; Retry-After honoured, clamped to 1–300 s, unless it is longer than the
/// time left or than <see cref="LongestWait"/> (then the caller stops at once); for a sink at most 6 attempts and
/// 120 s overall, env-tunable. <see cref="HttpRetry"/> carries it out.
/// </summary>
/// <param name="PerAttempt">How long one attempt may take before it counts as a timeout (and is retried).</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan Overall, TimeSpan BaseDelay, TimeSpan PerAttempt)
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MinRetryAfter = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(300);

    public static RetryPolicy Default { get; } = new(6, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    /// <summary>
    /// The longest wait the caller sits through: a server asking for more (after the 1–300 s clamp) ends the request
    /// at once. A sink's budget already decides that; an interactive caller (the transcriber) sets it lower.
    /// </summary>
    public TimeSpan LongestWait { get; init; } = MaxRetryAfter;

    /// <summary>What <see cref="FromEnvironment"/> reads, for a sink's <see cref="SinkInfo.Environment"/>.</summary>
    public static IReadOnlyList<EnvVarDoc> Variables { get; } =
    [
        new(EnvNames.SinkMaxAttempts, "most attempts per request", Default: Default.MaxAttempts.ToString(CultureInfo.InvariantCulture)),
        new(EnvNames.SinkMaxSeconds, "overall seconds per delivery including retries", Default: Default.Overall.TotalSeconds.ToString(CultureInfo.InvariantCulture)),
        new(EnvNames.SinkRetryBaseMs, "first retry delay in milliseconds, doubling after each attempt", Default: Default.BaseDelay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>Reads PEEPSHOW_SINK_MAX_ATTEMPTS, PEEPSHOW_SINK_MAX_SECONDS and PEEPSHOW_SINK_RETRY_BASE_MS.</summary>
    public static RetryPolicy FromEnvironment(SinkEnvironment env)
    {
        var overall = TimeSpan.FromSeconds(env.GetPositiveInt(EnvNames.SinkMaxSeconds, (int)Default.Overall.TotalSeconds));
        return Default with
        {
            MaxAttempts = env.GetPositiveInt(EnvNames.SinkMaxAttempts, Default.MaxAttempts),
            Overall = overall,
            BaseDelay = TimeSpan.FromMilliseconds(env.GetPositiveInt(EnvNames.SinkRetryBaseMs, (int)Default.BaseDelay.TotalMilliseconds)),
            PerAttempt = overall < Default.PerAttempt ? overall : Default.PerAttempt,
        };
    }

    /// <summary>Statuses worth another attempt. 501 and 505 will never change; other 4xx are the caller's fault.</summary>
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || ((int)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported));

    /// <summary>Full jitter: uniformly random in [0, min(cap, base × 2^retry)].</summary>
    /// <param name="retry">0 for the wait before the second attempt.</param>
    public TimeSpan Backoff(int retry, double random)
    {
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30)));
        return TimeSpan.FromMilliseconds(ceiling * Math.Clamp(random, 0, 1));
    }

    /// <summary>The server's Retry-After (seconds or HTTP date), clamped to 1–300 s; null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var wait = RequestedWait(response, now);
        if (wait is null)
            return null;
        return wait < MinRetryAfter ? MinRetryAfter : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }

    /// <summary>The server's Retry-After as it asked, unclamped (for telling the user what it asked for); null when absent.</summary>
    public static TimeSpan? RequestedWait(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        return header?.Delta ?? (header?.Date is { } date ? date - now : null);
    }
}
