using System.Net;
using System.Text;

namespace Peepshow.Sinks.EventTrack.Providers;

/// <summary>
/// Mixpanel's ingestion <c>/track</c> endpoint (apis.md §3.1): a form post whose <c>data</c> field is the event JSON.
/// </summary>
/// <remarks>
/// <c>data</c> carries raw JSON, as the official mixpanel-python library sends it, rather than the base64 the original
/// peepshow used: Mixpanel accepts both, raw JSON is what the current library and docs use, and it keeps the token
/// recognisable so redaction can find it. <c>verbose=1</c> turns the bare <c>1</c>/<c>0</c> answer into
/// <c>{"status":…,"error":…}</c> so a rejection can say why; <c>ip=0</c> stops Mixpanel from geolocating the machine
/// that ran peepshow (Amplitude and Segment get no IP either), which is what a server-side sender should do.
/// </remarks>
internal sealed class Mixpanel : IEventProvider
{
    /// <summary>/track silently drops events older than this (they are still answered with success).</summary>
    public static readonly TimeSpan TrackWindow = TimeSpan.FromDays(5);

    public string Name => "mixpanel";

    public string TokenKind => "project token";

    public string UserIdField => "distinct_id";

    public string DedupeField => "$insert_id";

    public Uri DefaultEndpoint(DataRegion region) =>
        new(region == DataRegion.Eu ? "https://api-eu.mixpanel.com/track" : "https://api.mixpanel.com/track");

    public ProviderRequest Build(TrackEvent trackEvent, string token, Uri endpoint)
    {
        var json = EventJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("event", trackEvent.Name);
            w.WriteStartObject("properties");
            w.WriteString("token", token);
            w.WriteString("distinct_id", trackEvent.UserId);
            w.WriteNumber("time", trackEvent.EpochMilliseconds);
            w.WriteString("$insert_id", trackEvent.DedupeKey);
            EventJson.WriteProperties(w, trackEvent.Properties);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        var text = Encoding.UTF8.GetString(json);
        var form = $"data={Uri.EscapeDataString(text)}&verbose=1&ip=0";
        return new ProviderRequest(endpoint, "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(form), Readable: text);
    }

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

    public string? Caveat(TrackEvent trackEvent, DateTimeOffset now) =>
        now - trackEvent.Time > TrackWindow
            ? $"note: this run is from {trackEvent.Time.UtcDateTime:yyyy-MM-dd}, and Mixpanel's /track keeps only the last {TrackWindow.TotalDays:0} days: it will answer success but drop the event"
            : null;
}
