using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Peepshow.Protocol;
using Peepshow.Sinks.EventTrack.Providers;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Analytics;
using Peepshow.Testing.Http;
using static Peepshow.Sinks.EventTrack.Tests.EventTrackFixture;

namespace Peepshow.Sinks.EventTrack.Tests;

public sealed class MixpanelSpecs
{
    [Fact(Timeout = 30000)]
    public async Task The_event_is_a_form_post_to_track_with_raw_json_data_verbose_and_no_geolocation()
    {
        await using var mixpanel = await StartAsync("mixpanel");

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full));

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(mixpanel.Requests.All);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/track", request.Path);
        Assert.Equal("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
        var form = QueryHelpers.ParseQuery(request.Body);
        Assert.Equal(["data", "verbose", "ip"], form.Keys);
        Assert.Equal("1", form["verbose"]);
        Assert.Equal("0", form["ip"]);

        var data = Parse(form["data"]!);
        Assert.Equal("peepshow_run", (string?)data["event"]);
        var properties = data["properties"]!.AsObject();
        Assert.Equal(Token, (string?)properties["token"]);
        Assert.Equal(UserId, (string?)properties["distinct_id"]);
        Assert.Equal(Runs.CreatedAtEpochMs, (long)properties["time"]!);
        Assert.Matches($"^{RunPayloads.RunId}-[0-9a-f]{{8}}$", (string?)properties["$insert_id"]);
        // Reserved properties first, then the run's own, in the documented order.
        Assert.Equal(
            ["token", "distinct_id", "time", "$insert_id", "strategy", "frames", "codec", "output_dir", "duration_s", "width", "height",
             "director", "studio", "tags", "transcript_language", "transcript_duration_s", "audio_silence_ratio"],
            properties.Select(p => p.Key));
    }

    [Fact(Timeout = 30000)]
    public async Task Success_prints_one_line_naming_provider_event_user_and_insert_id()
    {
        await using var mixpanel = await StartAsync("mixpanel");

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full));

        var stored = Assert.Single(mixpanel.Events);
        Assert.Equal($"event-track: mixpanel accepted peepshow_run for {UserId} ({stored.Key})\n", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task HTTP_200_with_status_0_is_a_failure_that_shows_mixpanels_error_text_and_is_not_retried()
    {
        await using var mixpanel = await StartAsync("mixpanel");
        mixpanel.Faults.Enqueue(HttpFault.Respond(200, """{"status":0,"error":"distinct_id, missing or empty"}"""));

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("mixpanel rejected the event: distinct_id, missing or empty (HTTP 200 with status 0)", run.Stderr);
        Assert.Equal(1, mixpanel.Requests.Count);
        Assert.Empty(mixpanel.Events);
        Assert.Equal("", run.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task A_bare_0_from_a_non_verbose_answer_is_a_failure_too()
    {
        await using var mixpanel = await StartAsync("mixpanel");
        mixpanel.Faults.Enqueue(HttpFault.Respond(200, "0") with { ContentType = "text/plain" });

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("mixpanel rejected the event", run.Stderr);
    }

    [Theory(Timeout = 30000)]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_refused_token_shows_mixpanels_error_and_says_which_token_is_needed(int status)
    {
        await using var mixpanel = await StartAsync("mixpanel");
        mixpanel.Faults.Enqueue(MixpanelDouble.Refused(status, "Invalid credentials"));

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains($"mixpanel refused the request: HTTP {status}: Invalid credentials", run.Stderr);
        Assert.Contains("EVENT_TRACK_TOKEN is the project token", run.Stderr);
        Assert.Equal(1, mixpanel.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_non_json_5xx_is_retried_then_reported_with_its_status_and_the_attempts()
    {
        await using var mixpanel = await StartAsync("mixpanel");
        mixpanel.Faults.Enqueue(HttpFault.Respond(502, "<html><body>502 Bad Gateway</body></html>") with { ContentType = "text/html" }, times: 3);
        var env = EnvFor(mixpanel);
        env[EnvNames.SinkMaxAttempts] = "3";

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("mixpanel answered HTTP 502 Bad Gateway: <html><body>502 Bad Gateway</body></html> (after 3 attempts)", run.Stderr);
        Assert.Contains("`peepshow sinks retry` resends it with the same $insert_id", run.Stderr);
        Assert.Equal(3, mixpanel.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_run_older_than_mixpanels_five_day_window_is_sent_with_a_warning_on_stderr()
    {
        await using var mixpanel = await StartAsync("mixpanel");
        var sixDaysLater = new FrozenClock(RunPayloads.CreatedAt.AddDays(6));

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), sixDaysLater);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("this run is from 2026-11-20, and Mixpanel's /track keeps only the last 5 days", run.Stderr);
        Assert.Equal(1, mixpanel.Requests.Count);
    }

    [Theory]
    [InlineData("""{"status":1,"error":null}""", true)]
    [InlineData("""{"status":"1"}""", true)]
    [InlineData("1", true)]
    [InlineData("1\n", true)]
    [InlineData("""{"status":0,"error":"token, missing or empty"}""", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    [InlineData("<html>ok</html>", false)]
    [InlineData("""{"ok":true}""", false)]
    public void Only_a_200_whose_body_says_status_1_counts_as_accepted(string body, bool accepted)
    {
        var outcome = new Mixpanel().Interpret(new ProviderResponse(HttpStatusCode.OK, body, $"HTTP 200 OK: {body}"));

        Assert.Equal(accepted, outcome.Accepted);
    }
}
