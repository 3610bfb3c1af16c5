using System.Net;
using System.Text;
using System.Text.Json;
using Peepshow.Protocol.Hosting;

namespace Peepshow.Sinks.EventTrack.Providers;

/// <summary>
/// Mixpanel's ingestion <c>/track</c> endpoint (docs/sinks/event-track.md): a form post whose <c>data</c> field is the event JSON;
/// and, for runs older than /track's 5-day window, <c>/import</c> next to it.
/// </summary>
/// <remarks>
/// <c>data</c> carries raw JSON, as the official mixpanel-python library sends it, rather than the base64 the original
/// peepshow used: Mixpanel accepts both, raw JSON is what the current library and docs use, and it keeps the token
/// recognisable so redaction can find it. <c>verbose=1</c> turns the bare <c>1</c>/<c>0</c> answer into
/// <c>{"status":…,"error":…}</c> so a rejection can say why; <c>ip=0</c> stops Mixpanel from geolocating the machine
/// that ran peepshow (Amplitude and Segment get no IP either), which is what a server-side sender should do.
/// <para>
/// /track answers success for an event older than 5 days and then drops it, and peepshow replays old runs (the
/// outbox, re-sent manifests), so those go to <c>/import</c>, which keeps events of any age and says what it kept.
/// Recent runs stay on /track: it is the endpoint this sink was specified with, and needs no more than the project token.
/// </para>
/// </remarks>
internal sealed class Mixpanel : IEventProvider
{
    /// <summary>/track silently drops events older than this (they are still answered with success).</summary>
    public static readonly TimeSpan TrackWindow = TimeSpan.FromDays(5);

    /// <summary>
    /// Runs at least this old go to /import. An hour short of the window, because the event must still be inside it
    /// when Mixpanel receives it: retries can stretch a delivery (PEEPSHOW_SINK_MAX_SECONDS) and this machine's clock
    /// may be behind Mixpanel's. /import takes recent events just as well, so erring early loses nothing.
    /// </summary>
    public static readonly TimeSpan ImportAge = TrackWindow - TimeSpan.FromHours(1);

    /// <summary>Marks a request as /import's, so its answer is read in /import terms; also ends the success line (" via /import").</summary>
    public const string ImportRoute = "/import";

    public string Name => "mixpanel";

    public string TokenKind => "project token";

    public string UserIdField => "distinct_id";

    public string DedupeField => "$insert_id";

    public Uri DefaultEndpoint(DataRegion region) =>
        new(region == DataRegion.Eu ? "https://api-eu.mixpanel.com/track" : "https://api.mixpanel.com/track");

    public ProviderRequest Build(TrackEvent trackEvent, string token, Uri endpoint, DateTimeOffset now)
    {
        if (!IsOld(trackEvent, now))
            return BuildTrack(trackEvent, token, endpoint);
        // /track would answer success and drop an old event, and peepshow shows a sink's stderr only when it
        // fails: refusing (exit 5) is what keeps the run in peepshow's outbox until it can be imported.
        return ImportEndpoint(endpoint) is { } import
            ? BuildImport(trackEvent, token, import)
            : throw SinkException.Remote(
                $"this run is from {trackEvent.Time.UtcDateTime:yyyy-MM-dd} and Mixpanel's /track drops events older than {TrackWindow.TotalDays:0} days "
                + $"while answering success; {EventTrackEnv.Endpoint} does not end in /track, so the sink cannot find Mixpanel's /import next to it: "
                + $"point {EventTrackEnv.Endpoint} at a URL ending in /track (with /import beside it) and retry the run (peepshow sinks retry)");
    }

    private static bool IsOld(TrackEvent trackEvent, DateTimeOffset now) => now - trackEvent.Time >= ImportAge;

    /// <summary>
    /// /import next to a URL whose path ends in <c>/track</c> (both default hosts, and a proxy that mirrors Mixpanel's
    /// paths), with any query it had; null for any other path, where guessing could post to something else entirely.
    /// </summary>
    /// <remarks><c>strict=1</c>: without it /import answers 200 and drops an event it finds invalid, the very silent loss this route avoids.</remarks>
    public static Uri? ImportEndpoint(Uri trackEndpoint)
    {
        var path = trackEndpoint.AbsolutePath;
        if (!path.EndsWith("/track", StringComparison.Ordinal))
            return null;
        var query = trackEndpoint.Query.TrimStart('?');
        return new Uri($"{trackEndpoint.GetLeftPart(UriPartial.Authority)}{path[..^"track".Length]}import?{(query.Length > 0 ? query + "&" : "")}strict=1");
    }

    private static ProviderRequest BuildTrack(TrackEvent trackEvent, string token, Uri endpoint)
    {
        var json = EventJson.Write(w => WriteEvent(w, trackEvent, token));
        var text = Encoding.UTF8.GetString(json);
        var form = $"data={Uri.EscapeDataString(text)}&verbose=1&ip=0";
        return new ProviderRequest(endpoint, "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(form), Readable: text);
    }

    /// <summary>
    /// The same event as a one-element JSON array, authenticated the way Mixpanel documents for a project token: Basic
    /// with the token as user name and an empty password (then no project_id is needed). The token stays out of the
    /// properties: the header already names the project, and one copy of a secret is easier to keep out of output.
    /// </summary>
    private static ProviderRequest BuildImport(TrackEvent trackEvent, string token, Uri endpoint)
    {
        var body = EventJson.Write(w =>
        {
            w.WriteStartArray();
            WriteEvent(w, trackEvent, token: null);
            w.WriteEndArray();
        });
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(token + ":"));
        return new ProviderRequest(endpoint, "application/json", body, Authorization: "Basic " + basic, Via: ImportRoute);
    }

    /// <summary>One event; the reserved properties first, then the run's own.</summary>
    private static void WriteEvent(Utf8JsonWriter w, TrackEvent trackEvent, string? token)
    {
        w.WriteStartObject();
        w.WriteString("event", trackEvent.Name);
        w.WriteStartObject("properties");
        if (token is not null)
            w.WriteString("token", token);
        w.WriteString("distinct_id", trackEvent.UserId);
        w.WriteNumber("time", trackEvent.EpochMilliseconds);
        w.WriteString("$insert_id", trackEvent.DedupeKey);
        EventJson.WriteProperties(w, trackEvent.Properties);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public Outcome Interpret(ProviderRequest request, ProviderResponse response) =>
        request.Via == ImportRoute ? InterpretImport(response) : Interpret(response);

    public Outcome Interpret(ProviderResponse response)
    {
        using var json = EventJson.TryParseObject(response.Body);
        var error = json?.RootElement.String("error");

        if (response.IsSuccess)
        {
            // verbose=1 answers {"status":1,"error":null}; a proxy that dropped the flag may answer a bare 1.
            var status = json is null ? Status(response.Body) : json.RootElement.Int("status") ?? Status(json.RootElement.String("status"));
            return status switch
            {
                1 => Outcome.Ok,
                0 => Outcome.Rejected($"mixpanel rejected the event: {error ?? "no reason given"} (HTTP {response.Code} with status 0)",
                    "Mixpanel refuses the same data on every retry, so fix that before replaying the run"),
                _ => Outcome.Rejected($"mixpanel answered {response.Line}, which does not say the event was accepted",
                    "check that EVENT_TRACK_ENDPOINT points at Mixpanel's /track"),
            };
        }

        return response.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? Outcome.Rejected($"mixpanel refused the request: HTTP {response.Code}: {error ?? response.Line}",
                "check EVENT_TRACK_TOKEN is the project token (Project Settings → Access Keys), not an API secret or service account")
            : Outcome.Rejected($"mixpanel answered {response.Line}");
    }

    private static int? Status(string? text) => text?.Trim() switch
    {
        "1" => 1,
        "0" => 0,
        _ => null,
    };

    /// <summary>
    /// /import answers (docs/sinks/event-track.md): 200 with <c>num_records_imported</c>; 400 with <c>failed_records</c> (never worth
    /// a retry: the same event fails the same way); 401 for credentials; 413 naming its byte limit. 429/502/503 never
    /// get here before the shared retry policy has given up on them.
    /// </summary>
    public static Outcome InterpretImport(ProviderResponse response)
    {
        using var json = EventJson.TryParseObject(response.Body);
        var root = json?.RootElement;
        var error = root?.String("error");

        if (response.IsSuccess)
        {
            // One event went in, so anything but "imported ≥ 1" means it is not in the project.
            return root?.Int("num_records_imported") is >= 1
                ? Outcome.Ok
                : Outcome.Rejected($"mixpanel /import answered {response.Line}, which does not say the event was imported",
                    "check that EVENT_TRACK_ENDPOINT's /import sibling is Mixpanel's /import");
        }

        return response.Status switch
        {
            HttpStatusCode.BadRequest => Outcome.Rejected(
                $"mixpanel /import rejected the event: {FailedRecord(root) ?? error ?? response.Line} (HTTP 400)",
                "Mixpanel refuses the same data on every retry, so fix that before replaying the run"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Outcome.Rejected(
                $"mixpanel /import refused the request: HTTP {response.Code}: {error ?? response.Line}",
                "runs older than 5 days go to /import, which takes EVENT_TRACK_TOKEN as Basic auth user: check it is the project token "
                + "(Project Settings → Access Keys); if it is, the project requires a service account for /import, which this sink does not use"),
            HttpStatusCode.RequestEntityTooLarge => Outcome.Rejected(
                $"mixpanel /import refused the event as too large: {error ?? response.Line} (HTTP 413)",
                "the event is one run's properties, so the video's metadata tags are what make it big; shorten them"),
            _ => Outcome.Rejected($"mixpanel /import answered {response.Line}"),
        };
    }

    /// <summary>"&lt;field&gt;: &lt;message&gt; ($insert_id …)" of the first failed record, or null when the answer lists none.</summary>
    private static string? FailedRecord(JsonElement? root)
    {
        if (root is not { } r || !r.TryGetProperty("failed_records", out var records) || records.ValueKind != JsonValueKind.Array)
            return null;
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object)
                continue;
            // Mixpanel's docs show the key both as insert_id and $insert_id.
            var insertId = record.String("$insert_id") ?? record.String("insert_id");
            var field = record.String("field") ?? "an unnamed field";
            var message = record.String("message") ?? "no reason given";
            return $"{field}: {message}" + (insertId is null ? "" : $" ($insert_id {insertId})");
        }
        return null;
    }

    public string? Caveat(TrackEvent trackEvent, Uri endpoint, DateTimeOffset now)
    {
        if (!IsOld(trackEvent, now))
            return null;
        var from = $"note: this run is from {trackEvent.Time.UtcDateTime:yyyy-MM-dd}, and Mixpanel's /track keeps only the last {TrackWindow.TotalDays:0} days";
        // Without an /import to use, Build refuses the run with the whole story.
        return ImportEndpoint(endpoint) is not null ? $"{from}, so it goes to /import, which keeps events of any age" : null;
    }
}
