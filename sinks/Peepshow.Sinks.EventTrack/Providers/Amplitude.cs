using System.Net;
using System.Text.Json;

namespace Peepshow.Sinks.EventTrack.Providers;

/// <summary>Amplitude's HTTP V2 API (docs/sinks/event-track.md): a JSON body carrying the API key and one event.</summary>
internal sealed class Amplitude : IEventProvider
{
    /// <summary>Amplitude refuses shorter user and device ids unless the request lowers <c>options.min_id_length</c>.</summary>
    public const int DefaultMinIdLength = 5;

    // The diagnostic members of Amplitude's error bodies, shown verbatim so the user sees what Amplitude saw.
    private static readonly string[] DetailFields =
    [
        "missing_field", "events_with_missing_fields", "events_with_invalid_fields", "events_with_invalid_id_lengths",
        "eps_threshold", "throttled_users", "throttled_events", "silenced_events",
    ];

    public string Name => "amplitude";

    public string TokenKind => "API key";

    public string UserIdField => "user_id";

    public string DedupeField => "insert_id";

    public Uri DefaultEndpoint(DataRegion region) =>
        new(region == DataRegion.Eu ? "https://api.eu.amplitude.com/2/httpapi" : "https://api2.amplitude.com/2/httpapi");

    public ProviderRequest Build(TrackEvent trackEvent, string token, Uri endpoint, DateTimeOffset now)
    {
        var body = EventJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("api_key", token);
            w.WriteStartArray("events");
            w.WriteStartObject();
            w.WriteString("user_id", trackEvent.UserId);
            w.WriteString("event_type", trackEvent.Name);
            w.WriteNumber("time", trackEvent.EpochMilliseconds);
            w.WriteString("insert_id", trackEvent.DedupeKey);
            w.WriteStartObject("event_properties");
            EventJson.WriteProperties(w, trackEvent.Properties);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            // Short ids ("42", "bob") are real user ids; lowering the minimum for this request is Amplitude's
            // documented way to accept them. Longer ids send the plain documented body.
            if (trackEvent.UserId.Length < DefaultMinIdLength)
            {
                w.WriteStartObject("options");
                w.WriteNumber("min_id_length", trackEvent.UserId.Length);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        });
        return new ProviderRequest(endpoint, "application/json", body);
    }

    public Outcome Interpret(ProviderResponse response)
    {
        using var json = EventJson.TryParseObject(response.Body);
        var root = json?.RootElement;
        // Amplitude's success is {"code":200,"events_ingested":N,…}: the body's code mirrors the HTTP status and its own
        // SDK trusts the body. Anything less (a bare {}, a proxy's page, an empty 200) does not say the event went in.
        var code = root?.Int("code");
        if (response.IsSuccess && code == 200 && root?.Int("events_ingested") >= 1)
            return Outcome.Ok;
        if (response.IsSuccess && code is null or 200)
            return Outcome.Rejected($"amplitude answered {response.Line}, which is not Amplitude's answer to an ingested event ({{\"code\":200,\"events_ingested\":1,…}})",
                "check that EVENT_TRACK_ENDPOINT points at Amplitude's /2/httpapi");
        if (root is null)
            return Outcome.Rejected($"amplitude answered {response.Line}");

        var error = root.Value.String("error") ?? "no error text";
        var details = string.Join(", ", DetailFields
            .Select(field => root.Value.Raw(field) is { } raw ? $"{field} {raw.Trim('"')}" : null)
            .OfType<string>());
        var reason = $"amplitude rejected the event: HTTP {response.Code}{(code is { } c && c != response.Code ? $" (body code {c})" : "")}: {error}"
            + (details.Length > 0 ? $" ({details})" : "");
        return Outcome.Rejected(reason, HintFor(response.Status, error, root.Value));
    }

    private static string? HintFor(HttpStatusCode status, string error, JsonElement root) => status switch
    {
        _ when error.StartsWith("Invalid API key", StringComparison.OrdinalIgnoreCase) =>
            "check EVENT_TRACK_TOKEN is the project's API key (Organization settings → Projects → your project → General), not its secret key",
        _ when root.Raw("events_with_invalid_id_lengths") is not null =>
            $"EVENT_TRACK_USER_ID is shorter than this project accepts; use an id of at least {DefaultMinIdLength} characters",
        HttpStatusCode.RequestEntityTooLarge =>
            "the event is over Amplitude's 1 MB request limit; the video's metadata tags are the only large property",
        HttpStatusCode.TooManyRequests =>
            "Amplitude throttles a user above ~30 events/s and asks senders to pause about 30 s; replay later with `peepshow sinks retry` (the same insert_id keeps it from counting twice)",
        _ => null,
    };
}
