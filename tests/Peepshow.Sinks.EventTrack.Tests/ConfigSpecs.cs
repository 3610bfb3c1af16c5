using Peepshow.Protocol;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using static Peepshow.Sinks.EventTrack.Tests.EventTrackFixture;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>Config is read before stdin: a misconfigured sink says exactly which variable is wrong and sends nothing.</summary>
public sealed class ConfigSpecs
{
    private static Dictionary<string, string?> Env(string? provider = "segment", string? token = Token, string? userId = UserId) => new()
    {
        ["EVENT_TRACK_PROVIDER"] = provider,
        ["EVENT_TRACK_TOKEN"] = token,
        ["EVENT_TRACK_USER_ID"] = userId,
    };

    [Fact(Timeout = 30000)]
    public async Task An_unknown_provider_is_exit_2_listing_the_valid_ones_and_nothing_is_sent()
    {
        await using var segment = await StartAsync("segment");
        var env = EnvFor(segment);
        env["EVENT_TRACK_PROVIDER"] = "posthog";

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.InvalidConfig, run.ExitCode);
        Assert.Equal(
            "peepshow-sink-event-track: EVENT_TRACK_PROVIDER 'posthog' is not a provider this sink knows; use mixpanel, amplitude or segment\n",
            run.Stderr);
        Assert.Equal(0, segment.Requests.Count);
    }

    [Theory(Timeout = 30000)]
    [InlineData("EVENT_TRACK_PROVIDER", "mixpanel, amplitude or segment")]
    [InlineData("EVENT_TRACK_TOKEN", "the segment write key")]
    [InlineData("EVENT_TRACK_USER_ID", "segment's userId")]
    public async Task A_missing_required_variable_is_exit_2_naming_it_even_before_stdin_is_read(string variable, string purpose)
    {
        var env = Env();
        env[variable] = variable == "EVENT_TRACK_TOKEN" ? "   " : null;

        // No payload at all: config problems are reported first.
        var run = await RunAsync(env, []);

        Assert.Equal(SinkExitCodes.InvalidConfig, run.ExitCode);
        Assert.StartsWith($"peepshow-sink-event-track: {variable} is not set (", run.Stderr);
        Assert.Contains(purpose, run.Stderr);
    }

    [Theory(Timeout = 30000)]
    [InlineData("Segment")]
    [InlineData("MIXPANEL")]
    [InlineData(" amplitude ")]
    public async Task The_provider_name_is_case_insensitive(string provider)
    {
        var run = await RunAsync(Env(provider), Runs.Json(RunPayloads.Full), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{provider.Trim().ToLowerInvariant()} would receive peepshow_run", run.Stdout);
    }

    [Theory(Timeout = 30000)]
    [InlineData("mixpanel", null, "https://api.mixpanel.com/track")]
    [InlineData("amplitude", null, "https://api2.amplitude.com/2/httpapi")]
    [InlineData("segment", null, "https://api.segment.io/v1/track")]
    [InlineData("mixpanel", "us", "https://api.mixpanel.com/track")]
    [InlineData("mixpanel", "eu", "https://api-eu.mixpanel.com/track")]
    [InlineData("amplitude", "EU", "https://api.eu.amplitude.com/2/httpapi")]
    [InlineData("segment", "eu", "https://events.eu1.segmentapis.com/v1/track")]
    public async Task Each_provider_has_its_documented_us_and_eu_ingestion_url(string provider, string? region, string url)
    {
        var env = Env(provider);
        env["EVENT_TRACK_REGION"] = region;

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"POST {url}\n", run.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task The_endpoint_override_wins_over_the_region()
    {
        var env = Env("amplitude");
        env["EVENT_TRACK_REGION"] = "eu";
        env["EVENT_TRACK_ENDPOINT"] = "https://amplitude-proxy.example.org/2/httpapi";

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full), "--dry-run");

        Assert.StartsWith("POST https://amplitude-proxy.example.org/2/httpapi\n", run.Stdout);
    }

    [Theory(Timeout = 30000)]
    [InlineData("mixpanel", "https://mixpanel-proxy.example.org", "https://mixpanel-proxy.example.org/track")]
    [InlineData("amplitude", "http://127.0.0.1:8765/", "http://127.0.0.1:8765/2/httpapi")]
    [InlineData("segment", "https://events.example.org", "https://events.example.org/v1/track")]
    [InlineData("segment", "https://events.example.org/collect", "https://events.example.org/collect")]
    public async Task An_endpoint_without_a_path_gets_the_providers_usual_path(string provider, string endpoint, string url)
    {
        var env = Env(provider);
        env["EVENT_TRACK_ENDPOINT"] = endpoint;

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full), "--dry-run");

        Assert.StartsWith($"POST {url}\n", run.Stdout);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Providers), MemberType = typeof(EventTrackFixture))]
    public async Task The_token_never_goes_over_plain_http_to_another_host_unless_explicitly_allowed(string provider)
    {
        var env = Env(provider);
        env["EVENT_TRACK_ENDPOINT"] = "http://analytics.example.org/ingest";

        var refused = await RunAsync(env, Runs.Json(RunPayloads.Full), "--dry-run");
        env[EnvNames.AllowInsecureHttp] = "1";
        var allowed = await RunAsync(env, Runs.Json(RunPayloads.Full), "--dry-run");

        Assert.Equal(SinkExitCodes.InvalidConfig, refused.ExitCode);
        Assert.Contains("EVENT_TRACK_ENDPOINT is plain http to analytics.example.org", refused.Stderr);
        Assert.Contains(EnvNames.AllowInsecureHttp, refused.Stderr);
        Assert.Equal(0, allowed.ExitCode);
    }

    [Theory(Timeout = 30000)]
    [InlineData("EVENT_TRACK_REGION", "apac", "EVENT_TRACK_REGION 'apac' is not a region; use us (the default) or eu")]
    [InlineData("EVENT_TRACK_ENDPOINT", "api.segment.io/v1/track", "EVENT_TRACK_ENDPOINT must be an absolute http(s) URL")]
    [InlineData("EVENT_TRACK_ENDPOINT", "https://writekey@api.segment.io/v1/track", "EVENT_TRACK_ENDPOINT must not embed credentials")]
    public async Task An_invalid_region_or_endpoint_is_exit_2_naming_the_variable(string variable, string value, string message)
    {
        var env = Env();
        env[variable] = value;

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.InvalidConfig, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task Help_lists_every_variable_and_marks_the_token_secret()
    {
        var run = await RunAsync(Env(), [], "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var variable in new[] { "EVENT_TRACK_PROVIDER", "EVENT_TRACK_TOKEN", "EVENT_TRACK_USER_ID", "EVENT_TRACK_EVENT_NAME", "EVENT_TRACK_REGION", "EVENT_TRACK_ENDPOINT" })
            Assert.Contains(variable, run.Stdout);
        Assert.Matches(@"EVENT_TRACK_TOKEN\s+.*\(required, secret\)", run.Stdout);
        Assert.Matches(@"EVENT_TRACK_EVENT_NAME\s+.*\(default peepshow_run\)", run.Stdout);
    }

    public static TheoryData<string, string, string> ControlCharacterValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var provider in ProviderNames)
        {
            data.Add(provider, "EVENT_TRACK_TOKEN", Token + "\r\nX-Evil: 1");
            data.Add(provider, "EVENT_TRACK_TOKEN", Token + "\u0000");
            data.Add(provider, "EVENT_TRACK_USER_ID", UserId + "\nX-Evil: 1");
        }
        data.Add("segment", "EVENT_TRACK_EVENT_NAME", "peepshow_run\u007f");
        data.Add("mixpanel", "EVENT_TRACK_ENDPOINT", "http://127.0.0.1:1/track\r\nX-Evil: 1");
        data.Add("amplitude", "EVENT_TRACK_REGION", "eu\u009b");
        return data;
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(ControlCharacterValues))]
    public async Task A_value_with_a_control_character_is_exit_2_naming_the_variable_and_nothing_is_sent(string provider, string variable, string value)
    {
        await using var analytics = await StartAsync(provider);
        var env = EnvFor(analytics);
        env[variable] = value;

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.InvalidConfig, run.ExitCode);
        Assert.StartsWith($"peepshow-sink-event-track: {variable} contains a control character", run.Stderr);
        Assert.DoesNotContain("X-Evil", run.Stderr);
        Assert.Equal(0, analytics.Requests.Count);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Providers), MemberType = typeof(EventTrackFixture))]
    public async Task A_payload_without_runId_whose_folder_has_no_name_is_exit_4_before_any_request(string provider)
    {
        await using var analytics = await StartAsync(provider);

        var run = await RunAsync(EnvFor(analytics), Runs.Json(RunPayloads.Full with { RunId = null, OutputDir = "/" }));

        Assert.Equal(SinkExitCodes.MalformedInput, run.ExitCode);
        Assert.StartsWith("peepshow-sink-event-track: the payload has no runId", run.Stderr);
        Assert.Equal(0, analytics.Requests.Count);
    }
}
