using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Peepshow.Testing.Http;

namespace Peepshow.Testing.Doubles.Analytics;

/// <summary>
/// Amplitude's HTTP V2 API <c>POST /2/httpapi</c> (docs/sinks/event-track.md): the API key in the body, a JSON <c>code</c> that
/// mirrors the HTTP status, 400 bodies naming <c>missing_field</c> or the indexes of bad events, the 5-character
/// minimum id length unless <c>options.min_id_length</c> lowers it, 413 over 1 MB or 2000 events, and dedupe on
/// <c>insert_id</c> (with <c>device_id</c>). A 400 ingests nothing. Throttling (429) is scripted with <see cref="Throttled"/>.
/// </summary>
public sealed class AmplitudeDouble(string apiKey = AnalyticsDouble.DemoToken) : AnalyticsDouble("amplitude", "/2/httpapi", apiKey)
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxEvents = 2000;
    public const int DefaultMinIdLength = 5;

    public static Task<AmplitudeDouble> StartAsync(string apiKey = DemoToken) => ListenAsync(new AmplitudeDouble(apiKey));

    /// <summary>Amplitude's 429 for a user above ~30 events/s; it sends no Retry-After unless one is given here.</summary>
    public static HttpFault Throttled(string userId, int? retryAfterSeconds = null)
    {
        var body = new JsonObject
        {
            ["code"] = 429,
            ["error"] = "Too many requests for some devices and users",
            ["eps_threshold"] = 30,
            ["throttled_devices"] = new JsonObject(),
            ["throttled_users"] = new JsonObject { [userId] = 31 },
            ["throttled_events"] = new JsonArray(0),
        }.ToJsonString();
        return retryAfterSeconds is { } seconds
            ? HttpFault.Respond(429, body, ("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : HttpFault.Respond(429, body);
    }

    protected override Reply Process(HttpRequest request, string text)
    {
        var size = Encoding.UTF8.GetByteCount(text);
        if (size > MaxBodyBytes)
            return Error(413, "Payload too large");
        if (size == 0)
            return Error(400, "Missing request body");
        // Amplitude validates the Content-Type; the exact error text for a wrong one is not documented (inferred).
        if (MediaTypeOf(request) != "application/json" || DoubleJson.TryParse(text) is not JsonObject body)
            return Error(400, "Invalid JSON request body");

        if (body["api_key"] is not JsonValue keyNode || keyNode.GetValueKind() != JsonValueKind.String || keyNode.GetValue<string>().Length == 0)
            return Error(400, "Request missing required field", missingField: "api_key");
        if (body["events"] is not JsonArray events)
            return Error(400, "Request missing required field", missingField: "events");
        if (events.Count > MaxEvents)
            return Error(413, "Payload too large");
        var key = keyNode.GetValue<string>();
        if (key != Token)
            return Error(400, $"Invalid API key: {key}");

        var minIdLength = body["options"]?["min_id_length"] is JsonValue min && min.TryGetValue<int>(out var m) && m > 0 ? m : DefaultMinIdLength;
        var missing = new Indexes();
        var invalid = new Indexes();
        var idLengths = new Indexes();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not JsonObject e)
                return Error(400, "Invalid event JSON");
            if (DoubleJson.String(e["event_type"]) is null or "")
                missing.Add("event_type", i);
            var userId = DoubleJson.String(e["user_id"]);
            var deviceId = DoubleJson.String(e["device_id"]);
            if (userId is null && deviceId is null)
                missing.Add("user_id", i);
            if (userId is not null && userId.Length < minIdLength)
                idLengths.Add("user_id", i);
            if (deviceId is not null && deviceId.Length < minIdLength)
                idLengths.Add("device_id", i);
            // time is milliseconds since the epoch as an integer; anything else is refused.
            if (e["time"] is { } time && !(time is JsonValue t && t.GetValueKind() == JsonValueKind.Number && t.TryGetValue<long>(out _)))
                invalid.Add("time", i);
            if (e["event_properties"] is { } props && props is not JsonObject)
                invalid.Add("event_properties", i);
        }
        if (missing.Any)
            return Error(400, "Request missing required field", extra: ("events_with_missing_fields", missing.ToJson()));
        if (invalid.Any)
            return Error(400, "Invalid field values on some events", extra: ("events_with_invalid_fields", invalid.ToJson()));
        if (idLengths.Any)
            return Error(400, "Invalid id length for user_id or device_id", extra: ("events_with_invalid_id_lengths", idLengths.ToJson()));

        var ingested = events.Cast<JsonObject>().Select(e =>
        {
            var insertId = DoubleJson.String(e["insert_id"]);
            var stored = new StoredEvent(Provider, DoubleJson.String(e["event_type"])!, DoubleJson.String(e["user_id"]) ?? DoubleJson.String(e["device_id"]), insertId,
                (JsonObject?)e["event_properties"]?.DeepClone() ?? [], (JsonObject)e.DeepClone());
            return new Ingested(stored, insertId is null ? null : $"{DoubleJson.String(e["device_id"])}\n{insertId}");
        }).ToList();

        var accepted = Reply.Json(200, new JsonObject
        {
            ["code"] = 200,
            ["events_ingested"] = events.Count,
            ["payload_size_bytes"] = size,
            ["server_upload_time"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        });
        return accepted with { Ingested = ingested };
    }

    private static Reply Error(int status, string error, string? missingField = null, (string Name, JsonObject Value)? extra = null)
    {
        var body = new JsonObject { ["code"] = status, ["error"] = error };
        if (missingField is not null)
            body["missing_field"] = missingField;
        if (extra is { } field)
            body[field.Name] = field.Value;
        return Reply.Json(status, body);
    }

    /// <summary>Amplitude's <c>{"field":[event indexes]}</c> maps.</summary>
    private sealed class Indexes
    {
        private readonly Dictionary<string, List<int>> _byField = new(StringComparer.Ordinal);

        public bool Any => _byField.Count > 0;

        public void Add(string field, int index)
        {
            if (!_byField.TryGetValue(field, out var list))
                _byField[field] = list = [];
            list.Add(index);
        }

        public JsonObject ToJson() =>
            new(_byField.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)new JsonArray([.. f.Value.Select(i => (JsonNode?)i)]))));
    }
}
