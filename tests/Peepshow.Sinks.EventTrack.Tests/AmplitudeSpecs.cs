using System.Net;
using Peepshow.Protocol;
using Peepshow.Sinks.EventTrack.Providers;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Analytics;
using Peepshow.Testing.Http;
using static Peepshow.Sinks.EventTrack.Tests.SinkHarness;

namespace Peepshow.Sinks.EventTrack.Tests;

public sealed class AmplitudeSpecs
{
    [Fact(Timeout = 30000)]
    public async Task The_event_is_an_http_v2_json_body_with_the_api_key_and_one_event()
    {
        await using var amplitude = await StartAsync("amplitude");

        var run = await RunAsync(EnvFor(amplitude), Runs.Json(RunPayloads.Full));

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(amplitude.Requests.All);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/2/httpapi", request.Path);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        var body = Parse(request.Body);
        Assert.Equal(["api_key", "events"], body.Select(p => p.Key));
        Assert.Equal(Token, (string?)body["api_key"]);
        var e = Assert.Single(body["events"]!.AsArray())!.AsObject();
        Assert.Equal(["user_id", "event_type", "time", "insert_id", "event_properties"], e.Select(p => p.Key));
        Assert.Equal(UserId, (string?)e["user_id"]);
        Assert.Equal("peepshow_run", (string?)e["event_type"]);
        Assert.Equal(Runs.CreatedAtEpochMs, (long)e["time"]!);
        Assert.Matches($"^{RunPayloads.RunId}-[0-9a-f]{{8}}$", (string?)e["insert_id"]);
        Assert.Equal($"event-track: amplitude accepted peepshow_run for {UserId} ({e["insert_id"]})\n", run.Stdout);
    }

    [Theory(Timeout = 30000)]
    [InlineData("42")]
    [InlineData("bob")]
    [InlineData("a")]
    public async Task A_user_id_shorter_than_amplitudes_minimum_is_sent_with_min_id_length_and_accepted(string userId)
    {
        await using var amplitude = await StartAsync("amplitude");

        var run = await RunAsync(EnvFor(amplitude, userId), Runs.Json(RunPayloads.Full));

        Assert.Equal(0, run.ExitCode);
        var body = Parse(Assert.Single(amplitude.Requests.All).Body);
        Assert.Equal(userId.Length, (int)body["options"]!["min_id_length"]!);
        Assert.Equal(userId, Assert.Single(amplitude.Events).UserId);
    }

    [Fact(Timeout = 30000)]
    public async Task A_wrong_api_key_fails_with_amplitudes_error_text_and_never_echoes_the_key()
    {
        // The project's key differs from the one the sink sends; Amplitude echoes the sent key in its error.
        await using var amplitude = await StartAsync("amplitude", token: "the-projects-real-key");

        var run = await RunAsync(EnvFor(amplitude), Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("amplitude rejected the event: HTTP 400: Invalid API key: ***", run.Stderr);
        Assert.Contains("check EVENT_TRACK_TOKEN is the project's API key", run.Stderr);
        Assert.Equal(1, amplitude.Requests.Count);
        Assert.Empty(amplitude.Events);
    }

    [Fact(Timeout = 30000)]
    public async Task A_400_names_the_missing_field()
    {
        await using var amplitude = await StartAsync("amplitude");
        amplitude.Faults.Enqueue(HttpFault.Respond(400,
            """{"code":400,"error":"Request missing required field","missing_field":"api_key","events_with_missing_fields":{"event_type":[0]}}"""));

        var run = await RunAsync(EnvFor(amplitude), Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains(
            """amplitude rejected the event: HTTP 400: Request missing required field (missing_field api_key, events_with_missing_fields {"event_type":[0]})""",
            run.Stderr);
        Assert.Equal(1, amplitude.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_413_is_reported_without_retrying()
    {
        await using var amplitude = await StartAsync("amplitude");
        amplitude.Faults.Enqueue(HttpFault.Respond(413, """{"code":413,"error":"Payload too large"}"""));

        var run = await RunAsync(EnvFor(amplitude), Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("amplitude rejected the event: HTTP 413: Payload too large", run.Stderr);
        Assert.Contains("1 MB request limit", run.Stderr);
        Assert.Equal(1, amplitude.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_throttled_user_is_retried_and_stderr_says_so()
    {
        await using var amplitude = await StartAsync("amplitude");
        amplitude.Faults.Enqueue(AmplitudeDouble.Throttled(UserId), times: 2);

        var run = await RunAsync(EnvFor(amplitude), Runs.Json(RunPayloads.Full));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, amplitude.Requests.Count);
        Assert.Single(amplitude.Events);
        Assert.Contains("retry: amplitude POST /2/httpapi attempt 1/6 failed (HTTP 429)", run.Stderr);
        Assert.Contains("retry: amplitude POST /2/httpapi attempt 2/6 failed (HTTP 429)", run.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_user_still_throttled_after_every_attempt_fails_with_the_throttled_events_and_what_to_do()
    {
        await using var amplitude = await StartAsync("amplitude");
        amplitude.Faults.Enqueue(AmplitudeDouble.Throttled(UserId), times: 3);
        var env = EnvFor(amplitude);
        env[EnvNames.SinkMaxAttempts] = "3";

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("amplitude rejected the event: HTTP 429: Too many requests for some devices and users", run.Stderr);
        Assert.Contains("throttled_events [0]", run.Stderr);
        Assert.Contains("(after 3 attempts)", run.Stderr);
        Assert.Contains("pause about 30 s", run.Stderr);
        Assert.Empty(amplitude.Events);
    }

    [Fact(Timeout = 30000)]
    public async Task HTTP_200_whose_body_code_is_not_200_is_not_taken_as_success()
    {
        await using var amplitude = await StartAsync("amplitude");
        amplitude.Faults.Enqueue(HttpFault.Respond(200, """{"code":400,"error":"Invalid field values on some events","events_with_invalid_fields":{"time":[0]}}"""));

        var run = await RunAsync(EnvFor(amplitude), Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("HTTP 200 (body code 400): Invalid field values on some events", run.Stderr);
    }

    [Theory]
    [InlineData(200, """{"code":200,"events_ingested":1,"payload_size_bytes":50,"server_upload_time":1795219199999}""", true)]
    [InlineData(200, """{"code":200,"events_ingested":1}""", true)]
    [InlineData(200, """{"events_ingested":1}""", false)]
    [InlineData(200, """{"code":200}""", false)]
    [InlineData(200, """{"code":200,"events_ingested":0}""", false)]
    [InlineData(200, "{}", false)]
    [InlineData(200, """{"code":500,"error":"Internal error"}""", false)]
    [InlineData(200, "", false)]
    [InlineData(200, "<html>captive portal</html>", false)]
    [InlineData(400, """{"code":400,"error":"Invalid API key: x"}""", false)]
    [InlineData(503, "Service Unavailable", false)]
    public void Only_a_2xx_with_Amplitudes_success_body_counts_as_accepted(int status, string body, bool accepted)
    {
        var outcome = new Amplitude().Interpret(new ProviderResponse((HttpStatusCode)status, body, $"HTTP {status}: {body}"));

        Assert.Equal(accepted, outcome.Accepted);
    }
}
