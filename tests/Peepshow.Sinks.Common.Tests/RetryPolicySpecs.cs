using System.Net;
using Peepshow.Http;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Common.Tests;

public sealed class RetryPolicySpecs
{
    [Fact]
    public void Defaults_follow_the_delivery_rules()
    {
        var policy = RetryPolicy.FromEnvironment(new SinkEnvironment(_ => null));

        Assert.Equal(6, policy.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(120), policy.Overall);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.BaseDelay);
    }

    [Fact]
    public void Limits_can_be_tuned_through_env_and_nonsense_is_a_config_error()
    {
        var tuned = RetryPolicy.FromEnvironment(new SinkEnvironment(n => n switch
        {
            EnvNames.SinkMaxAttempts => "2",
            EnvNames.SinkMaxSeconds => "9",
            EnvNames.SinkRetryBaseMs => "50",
            _ => null,
        }));
        var ex = Assert.Throws<SinkException>(() => RetryPolicy.FromEnvironment(new SinkEnvironment(n => n == EnvNames.SinkMaxAttempts ? "many" : null)));

        Assert.Equal((2, TimeSpan.FromSeconds(9), TimeSpan.FromMilliseconds(50)), (tuned.MaxAttempts, tuned.Overall, tuned.BaseDelay));
        Assert.Equal(SinkExitCodes.InvalidConfig, ex.ExitCode);
        Assert.Contains(EnvNames.SinkMaxAttempts, ex.Message);
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(1, 2000)]
    [InlineData(3, 8000)]
    [InlineData(5, 30000)]
    [InlineData(20, 30000)]
    public void Backoff_doubles_from_one_second_to_a_30_second_cap_with_full_jitter(int retry, double ceilingMs)
    {
        var policy = RetryPolicy.Default;

        Assert.Equal(TimeSpan.Zero, policy.Backoff(retry, 0));
        Assert.Equal(ceilingMs, policy.Backoff(retry, 1).TotalMilliseconds, precision: 3);
        Assert.Equal(ceilingMs / 2, policy.Backoff(retry, 0.5).TotalMilliseconds, precision: 3);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("7", 7)]
    [InlineData("100000", 300)]
    public void Retry_After_is_clamped_to_one_to_300_seconds(string header, double expectedSeconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryPolicy.RetryAfter(response, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Retry_After_as_an_http_date_counts_from_now()
    {
        var now = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(42));

        Assert.Equal(TimeSpan.FromSeconds(42), RetryPolicy.RetryAfter(response, now));
        Assert.Null(RetryPolicy.RetryAfter(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), now));
    }

    [Fact]
    public void Only_transient_statuses_are_retryable()
    {
        var retryable = Enumerable.Range(100, 500).Where(s => RetryPolicy.IsRetryable((HttpStatusCode)s)).ToArray();

        var expected = new[] { 408, 429 }.Concat(Enumerable.Range(500, 100).Where(s => s is not (501 or 505)));
        Assert.Equal(expected, retryable);
    }
}
