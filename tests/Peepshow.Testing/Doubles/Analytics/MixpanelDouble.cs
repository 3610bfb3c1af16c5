using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Peepshow.Testing.Http;

namespace Peepshow.Testing.Doubles.Analytics;

/// <summary>
/// Mixpanel's ingestion <c>POST /track</c> (apis.md §3.1), quirks included:
/// <list type="bullet">
/// <item><c>data</c> comes as a form field holding JSON or base64 JSON (one event or an array of up to 50), or as a JSON body;</item>
/// <item>invalid data is HTTP 200 with <c>{"status":0,"error":"…"}</c> under <c>verbose=1</c>, else a bare <c>0</c>;
/// the whole request is refused when any event is invalid (a simplification: Mixpanel keeps the valid ones);</item>
/// <item>the token is matched to a project after the answer, so an unknown token is still "1" and the event vanishes;</item>
/// <item>events older than 5 days are answered with success and dropped;</item>
/// <item>dedupe on (event, time, distinct_id, $insert_id), and only for events that carry an <c>$insert_id</c>.</item>
/// </list>
/// 401/403 answers (projects that require authentication) are scripted with <see cref="Refused"/>.
/// </summary>
public sealed class MixpanelDouble(string token = AnalyticsDouble.DemoToken) : AnalyticsDouble("mixpanel", "/track", token)
{
    public const int MaxEventsPerRequest = 50;

    public static readonly TimeSpan TrackWindow = TimeSpan.FromDays(5);

    // The reserved properties that identify the event; the rest are the sender's own properties.
    private static readonly string[] Reserved = ["token", "distinct_id", "time", "$insert_id"];

    /// <summary>The service's clock, for the 5-day window. Specs pin it near their fixture's time.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public static Task<MixpanelDouble> StartAsync(string token = DemoToken) => ListenAsync(new MixpanelDouble(token));

    /// <summary>Mixpanel's 401/403 answer: JSON with <c>error</c> and <c>status</c>.</summary>
    public static HttpFault Refused(int status = 401, string error = "Invalid credentials") =>
        HttpFault.Respond(status, new JsonObject { ["error"] = error, ["status"] = 0 }.ToJsonString());

    protected override Reply Process(HttpRequest request, string body)
    {
        var mediaType = MediaTypeOf(request);
        var form = mediaType == "application/x-www-form-urlencoded" ? QueryHelpers.ParseQuery(body) : [];
        var verbose = form.TryGetValue("verbose", out var v) && v == "1" || request.Query["verbose"] == "1";

        string? data = mediaType switch
        {
            "application/x-www-form-urlencoded" => form.TryGetValue("data", out var d) ? d.ToString() : null,
            "application/json" => body,
            _ => request.Query["data"].ToString(),
        };
        if (string.IsNullOrWhiteSpace(data))
            return Answer(verbose, "data, missing or empty");

        var events = Decode(data);
        if (events is null)
            return Answer(verbose, "data, not valid JSON or base64-encoded JSON");
        if (events.Count > MaxEventsPerRequest)
            return Answer(verbose, $"data, too many events ({events.Count}; at most {MaxEventsPerRequest} per request)");

        var ingested = new List<Ingested>();
        var dropped = new List<DroppedEvent>();
        foreach (var node in events)
        {
            if (node is not JsonObject e)
                return Answer(verbose, "data, each event must be a JSON object");
            if (Invalid(e) is { } error)
                return Answer(verbose, error);

            var properties = (JsonObject)e["properties"]!;
            if (DoubleJson.Scalar(properties["token"]) != Token)
                dropped.Add(Dropping("unknown project token (Mixpanel matches tokens after answering)", e));
            else if (TimeOf(properties) is { } time && Now() - time > TrackWindow)
                dropped.Add(Dropping($"older than {TrackWindow.TotalDays:0} days ({time:yyyy-MM-dd}); /track ingests only recent events", e));
            else
                ingested.Add(Ingest(e, properties));
        }
        return Answer(verbose, error: null) with { Ingested = ingested, Dropped = dropped };
    }

    private Ingested Ingest(JsonObject e, JsonObject properties)
    {
        var name = DoubleJson.Scalar(e["event"])!;
        var distinctId = DoubleJson.Scalar(properties["distinct_id"]);
        var insertId = DoubleJson.Scalar(properties["$insert_id"]);
        var custom = new JsonObject(properties.Where(p => !Reserved.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var identity = insertId is null ? null : string.Join('\n', name, properties["time"]?.ToJsonString(), distinctId, insertId);
        return new Ingested(new StoredEvent(Provider, name, distinctId, insertId, custom, (JsonObject)e.DeepClone()), identity);
    }

    /// <summary>Mixpanel's "&lt;field&gt;, &lt;problem&gt;" reason for an event it refuses, or null.</summary>
    private static string? Invalid(JsonObject e)
    {
        if (DoubleJson.Scalar(e["event"]) is null or "")
            return "event, missing or empty";
        if (e["properties"] is not JsonObject properties)
            return "properties, missing or not an object";
        if (DoubleJson.Scalar(properties["token"]) is null or "")
            return "token, missing or empty";
        if (DoubleJson.Scalar(properties["distinct_id"]) is null or "")
            return "distinct_id, missing or empty";
        if (properties["time"] is { } time && (time.GetValueKind() != JsonValueKind.Number || time.GetValue<double>() < 0))
            return "time, must be a number of seconds or milliseconds since the epoch";
        if (properties["$insert_id"] is { } insertId && !IsInsertId(DoubleJson.Scalar(insertId)))
            return "$insert_id, must be at most 36 characters of letters, digits and '-'";
        return null;
    }

    private static bool IsInsertId(string? text) =>
        text is { Length: > 0 and <= 36 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>JSON text, or base64 (standard or URL-safe, padded or not) of JSON; one event or an array.</summary>
    private static JsonArray? Decode(string data)
    {
        var json = DoubleJson.TryParse(data);
        if (json is null)
        {
            var base64 = data.Trim().Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var bytes = new byte[base64.Length];
            if (Convert.TryFromBase64String(base64, bytes, out var written))
                json = DoubleJson.TryParse(Encoding.UTF8.GetString(bytes, 0, written));
        }
        return json switch
        {
            JsonArray array => array,
            JsonObject single => [single.DeepClone()],
            _ => null,
        };
    }

    /// <summary>Seconds or milliseconds since the epoch, as Mixpanel reads <c>time</c>.</summary>
    private static DateTimeOffset? TimeOf(JsonObject properties)
    {
        if (properties["time"] is not { } node)
            return null;
        var value = node.GetValue<double>();
        return value > 1e11 ? DateTimeOffset.FromUnixTimeMilliseconds((long)value) : DateTimeOffset.FromUnixTimeMilliseconds((long)(value * 1000));
    }

    private static Reply Answer(bool verbose, string? error) => verbose
        ? Reply.Json(200, new JsonObject { ["status"] = error is null ? 1 : 0, ["error"] = error })
        : new Reply(200, error is null ? "1" : "0", "text/plain");
}
