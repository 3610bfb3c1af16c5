using Peepshow.Protocol;
using Peepshow.Sinks.Common.Tests.Shared;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Http;
using static Peepshow.Sinks.EventTrack.Tests.EventTrackFixture;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>
/// What stands at the endpoint may not be the provider, or may be hostile: the token and the event go to that host
/// only, and only the provider's documented success answer counts as recorded.
/// </summary>
public sealed class HostileBackendSpecs
{
    public static TheoryData<string, int> ProvidersAndRedirects()
    {
        var data = new TheoryData<string, int>();
        foreach (var provider in ProviderNames)
            foreach (var status in SinkTheoryData.RedirectStatusList)
                data.Add(provider, status);
        return data;
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(ProvidersAndRedirects))]
    public async Task A_redirect_to_another_host_is_exit_2_and_the_token_and_event_never_reach_it(string provider, int status)
    {
        // The target is the provider itself, with this very token: it would record the event, the worst case.
        await using var elsewhere = await StartAsync(provider);
        await using var redirect = await RedirectServer.StartAsync(elsewhere.BaseUrl, status, TestContext.Current.CancellationToken);
        var env = EnvFor(elsewhere);
        env["EVENT_TRACK_ENDPOINT"] = redirect.BaseUrl + elsewhere.Path;

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.InvalidConfig, run.ExitCode);
        Assert.Equal(0, elsewhere.Requests.Count);
        Assert.Empty(elsewhere.Events);
        Assert.Equal(1, redirect.Requests.Count);
        Assert.Contains($"redirected to {elsewhere.Url}", run.Stderr);
        Assert.Contains("EVENT_TRACK_ENDPOINT", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    public static TheoryData<string, int, string, string> ProvidersAndNonAnswers()
    {
        var data = new TheoryData<string, int, string, string>();
        foreach (var provider in ProviderNames)
            foreach (var (status, contentType, body) in SinkTheoryData.NotADeliveryList)
                data.Add(provider, status, contentType, body);
        // Each provider's shape, but saying nothing was taken.
        data.Add("amplitude", 200, "application/json", """{"code":200}""");
        data.Add("amplitude", 200, "application/json", """{"code":200,"events_ingested":0,"payload_size_bytes":0,"server_upload_time":1396381378123}""");
        data.Add("amplitude", 200, "application/json", """{"events_ingested":1}""");
        data.Add("segment", 200, "application/json", """{"success":"true"}""");
        data.Add("segment", 200, "application/json", """{"success":false}""");
        return data;
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(ProvidersAndNonAnswers))]
    public async Task An_answer_that_is_not_the_providers_success_is_exit_5_showing_what_came_back(string provider, int status, string contentType, string body)
    {
        await using var server = await SameAnswerServer.StartAsync(status, body, contentType, TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string?>
        {
            ["EVENT_TRACK_PROVIDER"] = provider,
            ["EVENT_TRACK_TOKEN"] = Token,
            ["EVENT_TRACK_USER_ID"] = UserId,
            ["EVENT_TRACK_ENDPOINT"] = server.BaseUrl + "/ingest",
            [EnvNames.SinkRetryBaseMs] = "5",
        };

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains($"{provider} answered HTTP {status}", run.Stderr);
        if (body.Length > 0)
            Assert.Contains(body.Length > 40 ? body[..40] : body, run.Stderr);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Providers), MemberType = typeof(EventTrackFixture))]
    public async Task A_Retry_After_longer_than_the_budget_stops_at_once_and_says_so(string provider)
    {
        await using var analytics = await StartAsync(provider);
        analytics.Faults.Enqueue(HttpFault.Respond(429, """{"error":"slow down"}""", ("Retry-After", "600")));
        var env = EnvFor(analytics);
        env[EnvNames.SinkMaxSeconds] = "6";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(1, analytics.Requests.Count);
        Assert.Empty(analytics.Events);
        Assert.Matches(@"asked to retry after 600 s, more than the [56] s left of the retry budget", run.Stderr);
    }
}
