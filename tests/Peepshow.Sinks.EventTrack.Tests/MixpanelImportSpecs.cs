using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Peepshow.Protocol;
using Peepshow.Sinks.EventTrack.Providers;
using Peepshow.Sinks.EventTrack.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Analytics;
using Peepshow.Testing.Http;
using static Peepshow.Sinks.EventTrack.Tests.EventTrackFixture;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>
/// Mixpanel's /track answers success for events older than 5 days and drops them, so old runs (outbox replays,
/// re-sent manifests) go to /import. The double's clock and the sink's agree in each spec: at the run's age.
/// </summary>
public sealed class MixpanelImportSpecs
{
    private static readonly TimeSpan TenDays = TimeSpan.FromDays(10);

    private static readonly string Key = DedupeKey.For(RunPayloads.RunId, "peepshow_run");

    /// <summary>A Mixpanel double whose clock says the fixture run is <paramref name="age"/> old, so /track would drop it when older than 5 days.</summary>
    private static async Task<MixpanelDouble> StartAtAsync(TimeSpan age, string token = Token)
    {
        var mixpanel = await MixpanelDouble.StartAsync(token);
        mixpanel.Now = () => RunPayloads.CreatedAt + age;
        return mixpanel;
    }

    private static ShiftedClock Aged(TimeSpan age) => new(RunPayloads.CreatedAt + age);

    private static string Base64Token => Convert.ToBase64String(Encoding.UTF8.GetBytes(Token + ":"));

    [Fact(Timeout = 30000)]
    public async Task A_ten_day_old_run_goes_to_import_and_is_stored_with_its_original_time()
    {
        await using var mixpanel = await StartAtAsync(TenDays);

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), Aged(TenDays));

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(mixpanel.Requests.All);
        Assert.Equal("/import", request.Path);
        Assert.Equal("?strict=1", request.Query);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        Assert.Equal("Basic " + Base64Token, request.Headers["Authorization"]);

        var events = System.Text.Json.Nodes.JsonNode.Parse(request.Body)!.AsArray();
        var sent = Assert.Single(events)!.AsObject();
        Assert.Equal("peepshow_run", (string?)sent["event"]);
        var properties = sent["properties"]!.AsObject();
        // /track's properties without the token, which travels in the Basic header instead.
        Assert.Equal(
            ["distinct_id", "time", "$insert_id", "strategy", "frames", "codec", "output_dir", "duration_s", "width", "height",
             "director", "studio", "tags", "transcript_language", "transcript_duration_s", "audio_silence_ratio"],
            properties.Select(p => p.Key));
        Assert.Equal(UserId, (string?)properties["distinct_id"]);
        Assert.Equal(Key, (string?)properties["$insert_id"]);

        var stored = Assert.Single(mixpanel.Events);
        Assert.Equal(Runs.CreatedAtEpochMs.ToString(System.Globalization.CultureInfo.InvariantCulture), EventTime(stored));
        Assert.Empty(mixpanel.Dropped);
        Assert.Equal($"event-track: mixpanel accepted peepshow_run for {UserId} ({Key}) via /import\n", run.Stdout);
        Assert.Contains("this run is from 2026-11-20, and Mixpanel's /track keeps only the last 5 days, so it goes to /import", run.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_one_day_old_run_still_goes_to_track_with_the_same_bytes_as_a_fresh_one()
    {
        await using var mixpanel = await StartAtAsync(TimeSpan.FromDays(1));

        var fresh = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), Aged(TimeSpan.FromMinutes(1)));
        var dayOld = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), Aged(TimeSpan.FromDays(1)));

        Assert.Equal(0, dayOld.ExitCode);
        Assert.Equal(["/track", "/track"], mixpanel.Requests.All.Select(r => r.Path));
        var (first, second) = (mixpanel.Requests.All[0], mixpanel.Requests.All[1]);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(first.Headers["Content-Type"], second.Headers["Content-Type"]);
        Assert.False(second.Headers.ContainsKey("Authorization"));
        Assert.Equal(["data", "verbose", "ip"], QueryHelpers.ParseQuery(second.Body).Keys);
        Assert.Equal(fresh.Stdout, dayOld.Stdout);
        Assert.Equal("", dayOld.Stderr);
        Assert.Single(mixpanel.Events);
    }

    [Theory]
    [InlineData(1 * 24, "/track")]
    [InlineData(4 * 24 + 22, "/track")]
    [InlineData(4 * 24 + 23, "/import")] // an hour short of the window: a slow delivery or a slow clock must not cross it on /track
    [InlineData(5 * 24, "/import")]
    [InlineData(400 * 24, "/import")]
    public void The_route_depends_on_the_runs_age_with_an_hour_to_spare(int hours, string path)
    {
        var trackEvent = TrackEvent.From(RunPayloads.Full, "peepshow_run", UserId, RunPayloads.CreatedAt);

        var request = new Mixpanel().Build(trackEvent, Token, new Uri("https://api.mixpanel.com/track"), RunPayloads.CreatedAt.AddHours(hours));

        Assert.Equal(path, request.Url.AbsolutePath);
    }

    [Fact(Timeout = 30000)]
    public async Task An_import_400_with_failed_records_is_exit_5_naming_the_field_and_is_sent_once()
    {
        await using var mixpanel = await StartAtAsync(TenDays);
        // /track would take this id; /import refuses placeholder ids such as "anon".
        var env = EnvFor(mixpanel, userId: "anon");

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full), Aged(TenDays));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains($"mixpanel /import rejected the event: properties.distinct_id: 'properties.distinct_id' 'anon' is a placeholder, not a user ($insert_id {Key}) (HTTP 400)", run.Stderr);
        Assert.Contains("Mixpanel refuses the same data on every retry", run.Stderr);
        Assert.Equal(1, mixpanel.Requests.Count);
        Assert.Empty(mixpanel.Events);
        Assert.Equal("", run.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task A_bad_token_on_import_is_exit_5_with_the_project_token_hint_and_the_token_never_shows()
    {
        await using var mixpanel = await StartAtAsync(TenDays, token: "another-projects-token");

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), Aged(TenDays));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("mixpanel /import refused the request: HTTP 401: Invalid credentials", run.Stderr);
        Assert.Contains("check it is the project token (Project Settings → Access Keys)", run.Stderr);
        Assert.Contains("service account", run.Stderr);
        Assert.Equal(1, mixpanel.Requests.Count);
        Assert.Empty(mixpanel.Events);
        Assert.DoesNotContain(Token, run.Stdout + run.Stderr);
        Assert.DoesNotContain(Base64Token, run.Stdout + run.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_401_that_echoes_the_basic_header_still_shows_neither_the_token_nor_its_base64()
    {
        await using var mixpanel = await StartAtAsync(TenDays);
        // A proxy that quotes the credentials it refused: the line the sink prints quotes the body.
        mixpanel.Faults.Enqueue(HttpFault.Respond(401, $$"""{"code":401,"error":"Invalid credentials: Basic {{Base64Token}} ({{Token}})","status":"Unauthorized"}"""));

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), Aged(TenDays));

        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Contains("HTTP 401: Invalid credentials: Basic *** (***)", run.Stderr);
        Assert.DoesNotContain(Base64Token, run.Stdout + run.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_replay_of_the_same_old_run_is_stored_once()
    {
        await using var mixpanel = await StartAtAsync(TenDays);

        var first = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), Aged(TenDays));
        var replay = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), Aged(TenDays + TimeSpan.FromDays(3)));

        Assert.Equal(0, replay.ExitCode);
        Assert.Equal(first.Stdout, replay.Stdout);
        Assert.Equal(["/import", "/import"], mixpanel.Requests.All.Select(r => r.Path));
        Assert.Single(mixpanel.Events);
    }

    [Fact(Timeout = 30000)]
    public async Task A_throttled_or_failing_import_is_retried_and_stored_once()
    {
        await using var mixpanel = await StartAtAsync(TenDays);
        mixpanel.Faults.Enqueue(HttpFault.Respond(503, "Service Unavailable") with { ContentType = "text/plain" });
        mixpanel.Faults.Enqueue(HttpFault.Respond(502, "Bad Gateway") with { ContentType = "text/plain", AfterHandling = true });

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), Aged(TenDays));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, mixpanel.Requests.Count);
        Assert.Single(mixpanel.Events);
        Assert.Contains("retry: mixpanel POST /import", run.Stderr);
    }

    [Theory(Timeout = 30000)]
    [InlineData(null, "https://api.mixpanel.com/import?strict=1")]
    [InlineData("eu", "https://api-eu.mixpanel.com/import?strict=1")]
    public async Task Each_region_sends_old_runs_to_import_on_its_own_host(string? region, string url)
    {
        await using var mixpanel = await StartAtAsync(TenDays);
        var env = EnvFor(mixpanel);
        env["EVENT_TRACK_ENDPOINT"] = null;
        env["EVENT_TRACK_REGION"] = region;

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full), Aged(TenDays), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"POST {url}\n", run.Stdout);
        Assert.Equal(0, mixpanel.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_custom_endpoint_ending_in_track_sends_old_runs_to_import_next_to_it_keeping_its_query()
    {
        await using var mixpanel = await MixpanelDouble.StartBehindProxyAsync(Token,
            ("/analytics/mixpanel/track", "/track"), ("/analytics/mixpanel/import", "/import"));
        mixpanel.Now = () => RunPayloads.CreatedAt + TenDays;
        var env = EnvFor(mixpanel);
        env["EVENT_TRACK_ENDPOINT"] = mixpanel.BaseUrl + "/analytics/mixpanel/track?team=video";

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full), Aged(TenDays));

        Assert.Equal(0, run.ExitCode);
        var request = Assert.Single(mixpanel.Requests.All);
        Assert.Equal("/analytics/mixpanel/import", request.Path);
        Assert.Equal("?team=video&strict=1", request.Query);
        Assert.Single(mixpanel.Events);
        Assert.EndsWith(" via /import\n", run.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task An_old_run_behind_a_custom_path_not_ending_in_track_fails_with_exit_5_instead_of_being_dropped()
    {
        await using var mixpanel = await MixpanelDouble.StartBehindProxyAsync(Token, ("/collect/mp", "/track"));
        mixpanel.Now = () => RunPayloads.CreatedAt + TenDays;
        var env = EnvFor(mixpanel);
        env["EVENT_TRACK_ENDPOINT"] = mixpanel.BaseUrl + "/collect/mp";

        var run = await RunAsync(env, Runs.Json(RunPayloads.Full), Aged(TenDays));

        // /track would have said yes and kept nothing; exit 5 keeps the run in peepshow's outbox instead.
        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Equal(0, mixpanel.Requests.Count);
        Assert.Contains("this run is from 2026-11-20 and Mixpanel's /track drops events older than 5 days", run.Stderr);
        Assert.Contains("point EVENT_TRACK_ENDPOINT at a URL ending in /track", run.Stderr);
        Assert.Single(run.StderrLines);
        Assert.Equal("", run.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task A_dry_run_of_an_old_run_shows_the_import_request_with_the_basic_header_masked()
    {
        await using var mixpanel = await StartAtAsync(TenDays);

        var run = await RunAsync(EnvFor(mixpanel), Runs.Json(RunPayloads.Full), Aged(TenDays), "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, mixpanel.Requests.Count);
        Assert.StartsWith($"POST {mixpanel.BaseUrl}/import?strict=1\n", run.Stdout);
        Assert.Contains("Authorization: Basic ***\n", run.Stdout);
        Assert.Contains("\n[{\"event\":\"peepshow_run\",\"properties\":{\"distinct_id\":\"user-20391\"", run.Stdout);
        Assert.DoesNotContain("# data, decoded", run.Stdout);
        Assert.DoesNotContain(Base64Token, run.Stdout + run.Stderr);
        Assert.EndsWith($"event-track: dry run, nothing sent; mixpanel would receive peepshow_run for {UserId} ({Key})\n", run.Stdout);
    }

    [Theory]
    [InlineData(200, """{"code":200,"num_records_imported":1,"status":"OK"}""", true, "")]
    [InlineData(200, """{"code":200,"num_records_imported":0,"status":"OK"}""", false, "which does not say the event was imported")]
    [InlineData(200, "1", false, "which does not say the event was imported")]
    [InlineData(400, """{"code":400,"error":"some data points in the request failed validation","status":"Bad Request","num_records_imported":0,"failed_records":[{"index":0,"insert_id":"k-1","field":"properties.time","message":"too old"}]}""", false, "rejected the event: properties.time: too old ($insert_id k-1) (HTTP 400)")]
    [InlineData(400, """{"code":400,"error":"some data points in the request failed validation","status":"Bad Request","num_records_imported":0,"failed_records":[{"index":0,"$insert_id":"k-2","field":"properties.distinct_id","message":"invalid"}]}""", false, "rejected the event: properties.distinct_id: invalid ($insert_id k-2) (HTTP 400)")]
    [InlineData(400, """{"code":400,"error":"body must be a JSON array","status":"Bad Request"}""", false, "rejected the event: body must be a JSON array (HTTP 400)")]
    [InlineData(413, """{"code":413,"error":"request exceeds max limit of 10485760 bytes","status":"Request Entity Too Large"}""", false, "too large: request exceeds max limit of 10485760 bytes (HTTP 413)")]
    public void Import_answers_are_read_as_apis_md_documents_them(int status, string body, bool accepted, string reason)
    {
        var outcome = Mixpanel.InterpretImport(new ProviderResponse((HttpStatusCode)status, body, $"HTTP {status}: {body}"));

        Assert.Equal(accepted, outcome.Accepted);
        Assert.Contains(reason, outcome.Reason);
    }
}
