using System.Net;
using System.Text;
using Peepshow.Testing.Doubles.Analytics;
using Peepshow.Testing.Http;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>The doubles behave like the services (docs/sinks/event-track.md), so the sink specs above prove something.</summary>
public sealed class AnalyticsDoubleSpecs
{
    private static readonly HttpClient Http = new();

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(string url, HttpContent content, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    private static HttpContent Form(params (string Name, string Value)[] fields) =>
        new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    private static string MixpanelEvent(string token = AnalyticsDouble.DemoToken, string insertId = "run-1-abc", string distinctId = "user-1", long? time = null) =>
        $$$"""{"event":"peepshow_run","properties":{"token":"{{{token}}}","distinct_id":"{{{distinctId}}}","time":{{{time ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}},"$insert_id":"{{{insertId}}}","frames":3}}""";

    [Fact(Timeout = 30000)]
    public async Task Mixpanel_takes_data_as_json_or_base64_json_and_dedupes_on_the_insert_id()
    {
        await using var mixpanel = await MixpanelDouble.StartAsync();
        var json = MixpanelEvent();
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

        var raw = await PostAsync(mixpanel.Url, Form(("data", json), ("verbose", "1")));
        var encoded = await PostAsync(mixpanel.Url, Form(("data", base64), ("verbose", "1")));

        Assert.Equal((HttpStatusCode.OK, """{"status":1,"error":null}"""), raw);
        Assert.Equal((HttpStatusCode.OK, """{"status":1,"error":null}"""), encoded);
        var stored = Assert.Single(mixpanel.Events);
        Assert.Equal(3, (int)stored.Properties["frames"]!);
        Assert.Null(stored.Properties["token"]);
    }

    [Theory(Timeout = 30000)]
    [InlineData("""{"event":"x","properties":{"distinct_id":"u"}}""", "token, missing or empty")]
    [InlineData("""{"event":"x","properties":{"token":"demo-event-track-token"}}""", "distinct_id, missing or empty")]
    [InlineData("""{"properties":{"token":"demo-event-track-token","distinct_id":"u"}}""", "event, missing or empty")]
    [InlineData("""{"event":"x","properties":{"token":"demo-event-track-token","distinct_id":"u","$insert_id":"has_underscore"}}""", "$insert_id, must be at most 36 characters of letters, digits and '-'")]
    [InlineData("not json at all", "data, not valid JSON or base64-encoded JSON")]
    public async Task Mixpanel_answers_invalid_data_with_200_and_status_0(string data, string error)
    {
        await using var mixpanel = await MixpanelDouble.StartAsync();

        var verbose = await PostAsync(mixpanel.Url, Form(("data", data), ("verbose", "1")));
        var terse = await PostAsync(mixpanel.Url, Form(("data", data)));

        Assert.Equal(HttpStatusCode.OK, verbose.Status);
        Assert.Equal($$"""{"status":0,"error":"{{error}}"}""", verbose.Body);
        Assert.Equal((HttpStatusCode.OK, "0"), terse);
        Assert.Empty(mixpanel.Events);
    }

    [Fact(Timeout = 30000)]
    public async Task Mixpanel_says_1_to_an_unknown_token_or_an_old_event_and_then_drops_it()
    {
        await using var mixpanel = await MixpanelDouble.StartAsync();

        var unknown = await PostAsync(mixpanel.Url, Form(("data", MixpanelEvent(token: "someone-elses"))));
        var old = await PostAsync(mixpanel.Url, Form(("data", MixpanelEvent(time: DateTimeOffset.UtcNow.AddDays(-6).ToUnixTimeMilliseconds()))));

        Assert.Equal((HttpStatusCode.OK, "1"), unknown);
        Assert.Equal((HttpStatusCode.OK, "1"), old);
        Assert.Empty(mixpanel.Events);
        Assert.Equal(2, mixpanel.Dropped.Count);
    }

    private const string ImportAuth = "Basic ZGVtby1ldmVudC10cmFjay10b2tlbjo="; // base64("demo-event-track-token:")

    private static string ImportEvent(string insertId = "run-1-abc", string distinctId = "user-1", long? time = null) =>
        $$$"""{"event":"peepshow_run","properties":{"distinct_id":"{{{distinctId}}}","time":{{{time ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}},"$insert_id":"{{{insertId}}}","frames":3}}""";

    [Theory(Timeout = 30000)]
    [InlineData(null, 401)]
    [InlineData("Basic ZGVtby1ldmVudC10cmFjay10b2tlbg==", 401)] // base64("demo-event-track-token"): no colon
    [InlineData("Basic b3RoZXItdG9rZW46", 401)] // base64("other-token:")
    [InlineData("Bearer demo-event-track-token", 401)]
    [InlineData(ImportAuth, 200)]
    public async Task Mixpanel_import_takes_the_project_token_as_basic_user_with_an_empty_password(string? authorization, int status)
    {
        await using var mixpanel = await MixpanelDouble.StartAsync();

        var response = await PostAsync(mixpanel.BaseUrl + "/import?strict=1", Json($"[{ImportEvent()}]"), authorization);

        Assert.Equal((HttpStatusCode)status, response.Status);
        Assert.Equal(status == 200
            ? """{"code":200,"num_records_imported":1,"status":"OK"}"""
            : """{"code":401,"error":"Invalid credentials","status":"Unauthorized"}""", response.Body);
        Assert.Equal(status == 200 ? 1 : 0, mixpanel.Events.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task Mixpanel_import_keeps_old_events_takes_ndjson_and_dedupes_with_track()
    {
        await using var mixpanel = await MixpanelDouble.StartAsync();
        var old = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds();
        var ndjson = new StringContent($"{ImportEvent(insertId: "a-1", time: old)}\n{ImportEvent(insertId: "a-2", time: old)}\n", Encoding.UTF8, "application/x-ndjson");
        var recent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var imported = await PostAsync(mixpanel.BaseUrl + "/import?strict=1", ndjson, ImportAuth);
        var tracked = await PostAsync(mixpanel.Url, Form(("data", MixpanelEvent(insertId: "b-1", time: recent)), ("verbose", "1")));
        var again = await PostAsync(mixpanel.BaseUrl + "/import?strict=1", Json($"[{ImportEvent(insertId: "b-1", time: recent)}]"), ImportAuth);

        Assert.Equal((HttpStatusCode.OK, """{"code":200,"num_records_imported":2,"status":"OK"}"""), imported);
        Assert.Equal(HttpStatusCode.OK, tracked.Status);
        Assert.Equal((HttpStatusCode.OK, """{"code":200,"num_records_imported":1,"status":"OK"}"""), again);
        Assert.Equal(["a-1", "a-2", "b-1"], mixpanel.Events.Select(e => e.Key));
        Assert.Equal(["/import", "/track", "/import"], mixpanel.Requests.All.Select(r => r.Path));
    }

    [Fact(Timeout = 30000)]
    public async Task Mixpanel_import_in_strict_mode_imports_the_valid_events_and_lists_the_others_in_failed_records()
    {
        await using var mixpanel = await MixpanelDouble.StartAsync();
        var future = DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeMilliseconds();
        var body = $$$"""[{{{ImportEvent(insertId: "ok-1")}}},{{{ImportEvent(insertId: "late-1", time: future)}}},{{{ImportEvent(insertId: "anon-1", distinctId: "anon")}}},{"event":"peepshow_run","properties":{"distinct_id":"u","time":1}}]""";

        var response = await PostAsync(mixpanel.BaseUrl + "/import?strict=1", Json(body), ImportAuth);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var answer = System.Text.Json.Nodes.JsonNode.Parse(response.Body)!;
        Assert.Equal("some data points in the request failed validation", (string?)answer["error"]);
        Assert.Equal(1, (int)answer["num_records_imported"]!);
        Assert.Equal(
            ["1 late-1 properties.time", "2 anon-1 properties.distinct_id", "3  properties.time"],
            answer["failed_records"]!.AsArray().Select(f => $"{f!["index"]} {f["insert_id"]} {f["field"]}"));
        Assert.Equal(["ok-1"], mixpanel.Events.Select(e => e.Key));
    }

    [Fact(Timeout = 30000)]
    public async Task Mixpanel_import_without_strict_answers_200_and_drops_what_fails_validation()
    {
        await using var mixpanel = await MixpanelDouble.StartAsync();
        var body = $$$"""[{{{ImportEvent(insertId: "ok-1")}}},{"event":"peepshow_run","properties":{"distinct_id":"u","time":1000}}]""";

        var response = await PostAsync(mixpanel.BaseUrl + "/import", Json(body), ImportAuth);

        Assert.Equal((HttpStatusCode.OK, """{"code":200,"num_records_imported":1,"status":"OK"}"""), response);
        Assert.Single(mixpanel.Events);
        Assert.Contains("properties.time", Assert.Single(mixpanel.Dropped).Reason);
    }

    [Fact(Timeout = 30000)]
    public async Task Mixpanel_import_answers_413_naming_its_limit_and_400_for_a_body_that_is_not_an_array()
    {
        await using var mixpanel = await MixpanelDouble.StartAsync();
        var huge = $$$"""[{"event":"e","properties":{"pad":"{{{new string('p', MixpanelDouble.MaxImportBytes)}}}"}}]""";

        var tooLarge = await PostAsync(mixpanel.BaseUrl + "/import?strict=1", Json(huge), ImportAuth);
        var notArray = await PostAsync(mixpanel.BaseUrl + "/import?strict=1", Json(ImportEvent()), ImportAuth);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, """{"code":413,"error":"request exceeds max limit of 10485760 bytes","status":"Request Entity Too Large"}"""), tooLarge);
        Assert.Equal(HttpStatusCode.BadRequest, notArray.Status);
        Assert.Empty(mixpanel.Events);
    }

    [Fact(Timeout = 30000)]
    public async Task Amplitude_refuses_a_short_user_id_unless_min_id_length_allows_it()
    {
        await using var amplitude = await AmplitudeDouble.StartAsync();
        const string e = """{"user_id":"42","event_type":"peepshow_run","time":1795219199123,"insert_id":"k1"}""";

        var refused = await PostAsync(amplitude.Url, Json($$"""{"api_key":"{{AnalyticsDouble.DemoToken}}","events":[{{e}}]}"""));
        var allowed = await PostAsync(amplitude.Url, Json($$$"""{"api_key":"{{{AnalyticsDouble.DemoToken}}}","events":[{{{e}}}],"options":{"min_id_length":2}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("""{"code":400,"error":"Invalid id length for user_id or device_id","events_with_invalid_id_lengths":{"user_id":[0]}}""", refused.Body);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.StartsWith("""{"code":200,"events_ingested":1,""", allowed.Body);
        Assert.Single(amplitude.Events);
    }

    [Theory(Timeout = 30000)]
    [InlineData("""{"events":[]}""", 400, """{"code":400,"error":"Request missing required field","missing_field":"api_key"}""")]
    [InlineData("""{"api_key":"wrong-key","events":[]}""", 400, """{"code":400,"error":"Invalid API key: wrong-key"}""")]
    [InlineData("""{"api_key":"demo-event-track-token","events":[{"user_id":"user-1"}]}""", 400, """{"code":400,"error":"Request missing required field","events_with_missing_fields":{"event_type":[0]}}""")]
    [InlineData("""{"api_key":"demo-event-track-token","events":[{"user_id":"user-1","event_type":"x","time":"2026-11-20"}]}""", 400, """{"code":400,"error":"Invalid field values on some events","events_with_invalid_fields":{"time":[0]}}""")]
    [InlineData("{not json", 400, """{"code":400,"error":"Invalid JSON request body"}""")]
    public async Task Amplitude_answers_bad_requests_with_its_documented_bodies(string body, int status, string answer)
    {
        await using var amplitude = await AmplitudeDouble.StartAsync();

        var response = await PostAsync(amplitude.Url, Json(body));

        Assert.Equal((HttpStatusCode)status, response.Status);
        Assert.Equal(answer, response.Body);
    }

    [Fact(Timeout = 30000)]
    public async Task Amplitude_answers_413_over_its_size_limit()
    {
        await using var amplitude = await AmplitudeDouble.StartAsync();

        var response = await PostAsync(amplitude.Url, Json($$"""{"api_key":"x","pad":"{{new string('p', AmplitudeDouble.MaxBodyBytes)}}"}"""));

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, """{"code":413,"error":"Payload too large"}"""), response);
    }

    [Theory(Timeout = 30000)]
    [InlineData(null, 400)]
    [InlineData("Basic ZGVtby1ldmVudC10cmFjay10b2tlbg==", 400)] // base64("demo-event-track-token"): no colon
    [InlineData("Basic ZGVtby1ldmVudC10cmFjay10b2tlbjpwdw==", 400)] // base64("demo-event-track-token:pw"): a password
    [InlineData("Bearer demo-event-track-token", 400)]
    [InlineData("Basic ZGVtby1ldmVudC10cmFjay10b2tlbjo=", 200)] // base64("demo-event-track-token:")
    public async Task Segment_checks_basic_auth_is_the_write_key_with_an_empty_password(string? authorization, int status)
    {
        await using var segment = await SegmentDouble.StartAsync();

        var response = await PostAsync(segment.Url, Json("""{"userId":"user-1","event":"peepshow_run","messageId":"m-1"}"""), authorization);

        Assert.Equal((HttpStatusCode)status, response.Status);
        Assert.Equal(status == 200 ? 1 : 0, segment.Events.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task Segment_refuses_an_event_over_32_KB_and_accepts_then_drops_what_it_cannot_use()
    {
        await using var segment = await SegmentDouble.StartAsync();
        const string auth = "Basic ZGVtby1ldmVudC10cmFjay10b2tlbjo=";

        var large = await PostAsync(segment.Url, Json($$$"""{"userId":"u","event":"e","properties":{"pad":"{{{new string('p', 33_000)}}}"}}"""), auth);
        var noUser = await PostAsync(segment.Url, Json("""{"event":"peepshow_run"}"""), auth);
        var otherKey = await PostAsync(segment.Url, Json("""{"userId":"u","event":"peepshow_run"}"""), "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("other-key:")));

        Assert.Equal((HttpStatusCode.BadRequest, """{"success":false,"message":"Exceed payload limit"}"""), large);
        Assert.Equal((HttpStatusCode.OK, """{"success":true}"""), noUser);
        Assert.Equal((HttpStatusCode.OK, """{"success":true}"""), otherKey);
        Assert.Empty(segment.Events);
        Assert.Equal(["no_user_anon_id", "unknown write key (Segment accepts and then discards)"], segment.Dropped.Select(d => d.Reason));
    }

    [Fact(Timeout = 30000)]
    public async Task A_connection_dropped_after_recording_keeps_the_event_and_the_retry_is_deduped()
    {
        await using var segment = await SegmentDouble.StartAsync();
        segment.Faults.Enqueue(HttpFault.DropAfterHandling());
        const string auth = "Basic ZGVtby1ldmVudC10cmFjay10b2tlbjo=";
        const string body = """{"userId":"user-1","event":"peepshow_run","messageId":"m-1"}""";

        await Assert.ThrowsAsync<HttpRequestException>(() => PostAsync(segment.Url, Json(body), auth));
        var retry = await PostAsync(segment.Url, Json(body), auth);

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(2, segment.Requests.Count);
        Assert.Single(segment.Events);
    }
}
