using System.Globalization;
using System.Net;
using System.Text;
using Peepshow.Protocol.Hosting;
using Peepshow.Protocol.Payload;

namespace Peepshow.Sinks.EventTrack.Providers;

/// <summary>Segment's HTTP Tracking API <c>POST /v1/track</c> (docs/sinks/event-track.md) with the write key as Basic auth user.</summary>
internal sealed class Segment : IEventProvider
{
    /// <summary>Segment's per-event limit: a larger call is refused with 400 "Exceed payload limit".</summary>
    public const int MaxEventBytes = 32 * 1024;

    public string Name => "segment";

    public string TokenKind => "write key";

    public string UserIdField => "userId";

    public string DedupeField => "messageId";

    public Uri DefaultEndpoint(DataRegion region) =>
        new(region == DataRegion.Eu ? "https://events.eu1.segmentapis.com/v1/track" : "https://api.segment.io/v1/track");

    public ProviderRequest Build(TrackEvent trackEvent, string token, Uri endpoint, DateTimeOffset now)
    {
        var body = EventJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("userId", trackEvent.UserId);
            w.WriteString("event", trackEvent.Name);
            w.WriteStartObject("properties");
            EventJson.WriteProperties(w, trackEvent.Properties);
            w.WriteEndObject();
            w.WriteString("timestamp", UtcTimestampConverter.ToText(trackEvent.Time));
            w.WriteString("messageId", trackEvent.DedupeKey);
            w.WriteStartObject("context");
            w.WriteStartObject("library");
            w.WriteString("name", "peepshow-sink-event-track");
            w.WriteString("version", SinkApp.Version);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });

        // Checked here, before any network: Segment would answer 400 for the same bytes, so the exit code is the
        // same (5), but the user learns the size and what made it big instead of a bare "Exceed payload limit".
        if (body.Length > MaxEventBytes)
            throw SinkException.Remote(TooLarge(body.Length, trackEvent.Properties));

        // Username = write key, empty password, and the colon stays (Segment's documented form).
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(token + ":"));
        return new ProviderRequest(endpoint, "application/json", body, Authorization: "Basic " + basic);
    }

    public Outcome Interpret(ProviderResponse response)
    {
        if (response.IsSuccess)
        {
            // Segment answers {"success":true} to anything that parses. Anything else, a bare {} or a proxy's page included,
            // is not Segment saying it took the event.
            using var json = EventJson.TryParseObject(response.Body);
            return json is not null && json.RootElement.TryGetProperty("success", out var ok) && ok.ValueKind == System.Text.Json.JsonValueKind.True
                ? Outcome.Ok
                : Outcome.Rejected($"segment answered {response.Line}, which is not Segment's answer to a received event ({{\"success\":true}})",
                    "check that EVENT_TRACK_ENDPOINT points at Segment's /v1/track");
        }

        return response.Status switch
        {
            HttpStatusCode.BadRequest => Outcome.Rejected($"segment rejected the event: {response.Line}",
                "Segment answers 400 for a missing or malformed write key, invalid JSON, or an event over 32 KB"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => Outcome.Rejected($"segment refused the request: {response.Line}",
                "check EVENT_TRACK_TOKEN is the source's write key (Connections → Sources → your HTTP API source → Settings → API Keys)"),
            _ => Outcome.Rejected($"segment answered {response.Line}"),
        };
    }

    private static string TooLarge(int size, IReadOnlyList<EventProperty> properties)
    {
        var largest = properties
            .Select(p => (p.Name, Bytes: EventJson.Write(w => { w.WriteStartObject(); EventJson.WriteProperties(w, [p]); w.WriteEndObject(); }).Length - 2))
            .MaxBy(p => p.Bytes);
        var what = largest.Name == "tags" ? " (the video's metadata tags)" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"the segment event is {size:N0} bytes, over Segment's {MaxEventBytes / 1024} KB ({MaxEventBytes:N0} bytes) limit per event, so it was not sent; "
            + $"the largest property is {largest.Name}{what} at {largest.Bytes:N0} bytes. Shorten that metadata, or send this run to mixpanel or amplitude");
    }
}
