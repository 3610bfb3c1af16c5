using System.Text;
using Peepshow.Protocol;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Http;
using static Peepshow.Sinks.EventTrack.Tests.EventTrackFixture;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>The delivery rules of docs/PLUGINS.md for analytics: retry what may recover, and whatever happens count the run once.</summary>
public sealed class DeliverySpecs
{
    public static TheoryData<string, string> ProvidersAndFaults()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in ProviderNames)
            foreach (var fault in new[] { "500", "503", "drop", "drop-after-recording", "500-after-recording" })
                data.Add(provider, fault);
        return data;
    }

    private static HttpFault Fault(string name) => name switch
    {
        "500" => HttpFault.Respond(500, "Internal Server Error") with { ContentType = "text/plain" },
        "503" => HttpFault.Respond(503, "<html>Service Unavailable</html>") with { ContentType = "text/html" },
        "drop" => HttpFault.Drop(),
        "drop-after-recording" => HttpFault.DropAfterHandling(),
        "500-after-recording" => HttpFault.Respond(500, "upstream timeout") with { ContentType = "text/plain", AfterHandling = true },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(ProvidersAndFaults))]
    public async Task Each_retryable_fault_recovers_with_exactly_one_event_recorded(string provider, string fault)
    {
        await using var analytics = await StartAsync(provider);
        analytics.Faults.Enqueue(Fault(fault), times: 2);

        var run = await RunAsync(EnvFor(analytics), Runs.Json(RunPayloads.Full));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, analytics.Requests.Count);
        Assert.Single(analytics.Events);
        Assert.Contains($"event-track: {provider} accepted peepshow_run", run.Stdout);
        Assert.Contains($"retry: {provider} POST", run.Stderr);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Providers), MemberType = typeof(EventTrackFixture))]
    public async Task A_replayed_run_is_recorded_once_because_it_carries_the_same_key(string provider)
    {
        await using var analytics = await StartAsync(provider);
        var env = EnvFor(analytics);

        var first = await RunAsync(env, Runs.Json(RunPayloads.Full));
        var replay = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, replay.ExitCode);
        Assert.Equal(first.Stdout, replay.Stdout);
        Assert.Equal(2, analytics.Requests.Count);
        Assert.Single(analytics.Events);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Providers), MemberType = typeof(EventTrackFixture))]
    public async Task Two_event_names_for_one_run_are_two_events(string provider)
    {
        await using var analytics = await StartAsync(provider);
        var renamed = EnvFor(analytics);
        renamed["EVENT_TRACK_EVENT_NAME"] = "video_watched";

        await RunAsync(EnvFor(analytics), Runs.Json(RunPayloads.Full));
        var run = await RunAsync(renamed, Runs.Json(RunPayloads.Full));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["peepshow_run", "video_watched"], analytics.Events.Select(e => e.Name));
        Assert.NotEqual(analytics.Events[0].Key, analytics.Events[1].Key);
        Assert.Contains($"event-track: {provider} accepted video_watched for {UserId} ({analytics.Events[1].Key})", run.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task A_provider_that_never_answers_fails_with_exit_5_after_the_attempt_budget()
    {
        var port = LoopbackServer.UnusedPort();
        var env = new Dictionary<string, string?>
        {
            ["EVENT_TRACK_PROVIDER"] = "segment",
            ["EVENT_TRACK_TOKEN"] = Token,
            ["EVENT_TRACK_USER_ID"] = UserId,
            ["EVENT_TRACK_ENDPOINT"] = $"http://127.0.0.1:{port}/v1/track",
            [EnvNames.SinkRetryBaseMs] = "5",
            [EnvNames.SinkMaxAttempts] = "2",
        };

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("segment POST /v1/track: network error", run.Stderr);
        Assert.Contains("after 2 attempt(s)", run.Stderr);
    }

    public static TheoryData<string, byte[]> MalformedInputs() => new()
    {
        { "empty", [] },
        { "not JSON", Encoding.UTF8.GetBytes("frames: 3") },
        { "JSON of another shape", Encoding.UTF8.GetBytes("""{"hello":"world"}""") },
        { "invalid UTF-8", [0x7B, 0xC3, 0x28, 0x7D] },
        { "truncated payload", Runs.Json(RunPayloads.Full)[..100] },
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(MalformedInputs))]
    public async Task Malformed_stdin_gives_exit_4_with_no_HTTP_request(string what, byte[] stdin)
    {
        foreach (var provider in ProviderNames)
        {
            await using var analytics = await StartAsync(provider);

            var run = await RunAsync(EnvFor(analytics), stdin);

            Assert.True(run.ExitCode == SinkExitCodes.MalformedInput, $"{provider}, {what}: exit {run.ExitCode}");
            Assert.StartsWith("peepshow-sink-event-track: stdin ", run.Stderr);
            Assert.Equal(0, analytics.Requests.Count);
            Assert.Equal("", run.Stdout);
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Providers), MemberType = typeof(EventTrackFixture))]
    public async Task The_original_peepshow_example_payload_is_delivered_keyed_by_its_run_folder(string provider)
    {
        await using var analytics = await StartAsync(provider);
        var now = new DateTimeOffset(2026, 11, 21, 8, 30, 0, TimeSpan.Zero);
        if (analytics is Testing.Doubles.Analytics.MixpanelDouble mixpanel)
            mixpanel.Now = () => now;

        var run = await RunAsync(EnvFor(analytics), Runs.OriginalExample(), new FrozenClock(now));

        Assert.Equal(0, run.ExitCode);
        var stored = Assert.Single(analytics.Events);
        // No runId in the original contract: the run folder's name (peepshow-abc123) stands in, as the original sinks did.
        Assert.Matches("^peepshow-abc123-[0-9a-f]{8}$", stored.Key);
        Assert.Equal("Kubrick", (string?)stored.Properties["director"]);
        Assert.Equal("""{"title":"The Heist","director":"Kubrick"}""", (string?)stored.Properties["tags"]);
        // No createdAt either: the event is timed now, and stderr says so.
        Assert.Contains("the payload has no createdAt, so the event time is now (2026-11-21T08:30:00.000Z)", run.Stderr);
        Assert.Equal(provider == "segment" ? "\"2026-11-21T08:30:00.000Z\"" : "1795249800000", EventTime(stored));
    }
}
