using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Peepshow.Testing.Http;

namespace Peepshow.Testing.Doubles.Analytics;

/// <summary>
/// Mixpanel's ingestion <c>POST /track</c> and <c>POST /import</c> (docs/sinks/event-track.md). <c>/track</c>, quirks included:
/// <list type="bullet">
/// <item><c>data</c> comes as a form field holding JSON or base64 JSON (one event or an array of up to 50), or as a JSON body;</item>
/// <item>invalid data is HTTP 200 with <c>{"status":0,"error":"…"}</c> under <c>verbose=1</c>, else a bare <c>0</c>;
/// the whole request is refused when any event is invalid (a simplification: Mixpanel keeps the valid ones);</item>
/// <item>the token is matched to a project after the answer, so an unknown token is still "1" and the event vanishes;</item>
/// <item>events older than 5 days are answered with success and dropped;</item>
/// <item>dedupe on (event, time, distinct_id, $insert_id), and only for events that carry an <c>$insert_id</c>.</item>
/// </list>
/// 401/403 answers (projects that require authentication) are scripted with <see cref="Refused"/>.
/// <para><c>/import</c>, with its documented bodies:</para>
/// <list type="bullet">
/// <item>HTTP Basic with the project token as user name and an empty password, else 401 <c>{"code":401,"error":"Invalid credentials","status":"Unauthorized"}</c>
/// (service accounts, project_id and the legacy API secret are not modelled);</item>
/// <item>a JSON array (<c>application/json</c>) or NDJSON (<c>application/x-ndjson</c>) body of up to 2000 events, at most
/// 10 MB (413 naming the limit); gzip is not modelled;</item>
/// <item>each event needs <c>event</c>, <c>properties.time</c> (from 1971-01-01 to an hour ahead of <see cref="Now"/>),
/// <c>properties.distinct_id</c> (not a placeholder such as <c>anon</c>) and <c>properties.$insert_id</c>. With
/// <c>strict=1</c> the others are still imported and the answer is 400 with <c>failed_records</c>; without it the
/// invalid ones are dropped behind a 200 (why the sink always sends <c>strict=1</c>);</item>
/// <item>no 5-day window, and the same dedupe as <c>/track</c>, into the same <see cref="AnalyticsDouble.Events"/>.</item>
/// </list>
/// </summary>
public sealed class MixpanelDouble(string token = AnalyticsDouble.DemoToken) : AnalyticsDouble("mixpanel", "/track", token)
{
    public const int MaxEventsPerRequest = 50;

    public const string ImportPath = "/import";

    public const int MaxImportEvents = 2000;

    /// <summary>/import's uncompressed body limit, stated in its 413 answer.</summary>
    public const int MaxImportBytes = 10 * 1024 * 1024;

    /// <summary>/import refuses event times before this.</summary>
    public static readonly DateTimeOffset EarliestImportTime = new(1971, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>/import refuses event times more than this ahead of its clock.</summary>
    public static readonly TimeSpan ImportFutureSlack = TimeSpan.FromHours(1);

    // distinct_id values /import treats as "no user" (Mixpanel documents these).
    private static readonly string[] PlaceholderIds = ["anon", "null", "undefined", "0", "-1", "00000000-0000-0000-0000-000000000000"];

    public static readonly TimeSpan TrackWindow = TimeSpan.FromDays(5);

    // The reserved properties that identify the event; the rest are the sender's own properties.
    private static readonly string[] Reserved = ["token", "distinct_id", "time", "$insert_id"];

    /// <summary>The service's clock, for the 5-day window. Specs pin it near their fixture's time.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public static Task<MixpanelDouble> StartAsync(string token = DemoToken) => ListenAsync(new MixpanelDouble(token));

    /// <summary>A double behind a proxy that forwards each route's path to Mixpanel's (<c>/track</c> or <c>/import</c>).</summary>
    public static Task<MixpanelDouble> StartBehindProxyAsync(string token, params (string ProxyPath, string MixpanelPath)[] routes) =>
        ListenAsync(new MixpanelDouble(token) { ProxyRoutes = routes.ToDictionary(r => r.ProxyPath, r => r.MixpanelPath) });

    protected override IReadOnlyList<string> OtherPaths => [ImportPath];

    /// <summary>Mixpanel's 401/403 answer: JSON with <c>error</c> and <c>status</c>.</summary>
    public static HttpFault Refused(int status = 401, string error = "Invalid credentials") =>
        HttpFault.Respond(status, new JsonObject { ["error"] = error, ["status"] = 0 }.ToJsonString());

    protected override Reply Process(HttpRequest request, string body) =>
        request.Path.Equals(ImportPath) ? Import(request, body) : Track(request, body);

    private Reply Track(HttpRequest request, string body)
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

    private Reply Import(HttpRequest request, string body)
    {
        if (!IsProjectTokenAuth(request.Headers.Authorization.ToString()))
            return ImportAnswer(401, "Invalid credentials", "Unauthorized");
        if (Encoding.UTF8.GetByteCount(body) > MaxImportBytes)
            return ImportAnswer(413, $"request exceeds max limit of {MaxImportBytes} bytes", "Request Entity Too Large");

        var events = MediaTypeOf(request) switch
        {
            "application/json" => DoubleJson.TryParse(body) as JsonArray,
            "application/x-ndjson" => Ndjson(body),
            _ => null,
        };
        if (events is null)
            return ImportAnswer(400, "body must be a JSON array (application/json) or newline-delimited JSON (application/x-ndjson)", "Bad Request");
        if (events.Count > MaxImportEvents)
            return ImportAnswer(400, $"too many events in the request ({events.Count}; at most {MaxImportEvents})", "Bad Request");

        var ingested = new List<Ingested>();
        var failed = new JsonArray();
        for (var index = 0; index < events.Count; index++)
        {
            var e = events[index] as JsonObject;
            if (ImportProblem(e) is { } problem)
            {
                failed.Add(new JsonObject
                {
                    ["index"] = index,
                    ["insert_id"] = DoubleJson.Scalar((e?["properties"] as JsonObject)?["$insert_id"]),
                    ["field"] = problem.Field,
                    ["message"] = problem.Message,
                });
            }
            else
            {
                ingested.Add(Ingest(e!, (JsonObject)e!["properties"]!));
            }
        }

        var ok = new JsonObject { ["code"] = 200, ["num_records_imported"] = ingested.Count, ["status"] = "OK" };
        if (failed.Count == 0)
            return Reply.Json(200, ok) with { Ingested = ingested };
        if (request.Query["strict"] != "1")
            return Reply.Json(200, ok) with
            {
                Ingested = ingested,
                Dropped = [.. failed.Select(f => Dropping($"/import without strict=1 dropped it: {f!["field"]}: {f["message"]}", events[(int)f["index"]!] as JsonObject ?? []))],
            };

        // Partial success: the valid events are in, the answer lists the others.
        return Reply.Json(400, new JsonObject
        {
            ["code"] = 400,
            ["error"] = "some data points in the request failed validation",
            ["status"] = "Bad Request",
            ["num_records_imported"] = ingested.Count,
            ["failed_records"] = failed,
        }) with { Ingested = ingested };
    }

    /// <summary>The project token as Basic user name with an empty password (the colon present).</summary>
    private bool IsProjectTokenAuth(string authorization)
    {
        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var encoded = authorization[scheme.Length..].Trim();
        var bytes = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, bytes, out var written)
            && Encoding.UTF8.GetString(bytes, 0, written) == Token + ":";
    }

    /// <summary>Objects, one per non-blank line, or null when a line is not a JSON object.</summary>
    private static JsonArray? Ndjson(string body)
    {
        var events = new JsonArray();
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DoubleJson.TryParse(line) is not JsonObject e)
                return null;
            events.Add(e);
        }
        return events;
    }

    /// <summary>The field /import names in <c>failed_records</c> and why, or null when the event is valid.</summary>
    private (string Field, string Message)? ImportProblem(JsonObject? e)
    {
        if (e is null)
            return ("event", "each event must be a JSON object");
        if (DoubleJson.String(e["event"]) is null or "")
            return ("event", "'event' is required and must be a non-empty string");
        if (e["properties"] is not JsonObject properties)
            return ("properties", "'properties' is required and must be an object");
        if (properties["time"] is not JsonValue time || time.GetValueKind() != JsonValueKind.Number)
            return ("properties.time", "'properties.time' is required and must be a number of seconds or milliseconds since the epoch");
        var at = TimeOf(properties)!.Value;
        if (at < EarliestImportTime || at > Now() + ImportFutureSlack)
            return ("properties.time", $"'properties.time' {at:yyyy-MM-ddTHH:mm:ssZ} is out of range: it must be after 1971-01-01 and at most 1 hour in the future");
        var distinctId = DoubleJson.Scalar(properties["distinct_id"]);
        if (distinctId is null or "")
            return ("properties.distinct_id", "'properties.distinct_id' is required");
        if (PlaceholderIds.Contains(distinctId.Trim().ToLowerInvariant()))
            return ("properties.distinct_id", $"'properties.distinct_id' '{distinctId}' is a placeholder, not a user");
        if (properties["$insert_id"] is null)
            return ("properties.$insert_id", "'properties.$insert_id' is required");
        if (!IsInsertId(DoubleJson.Scalar(properties["$insert_id"])))
            return ("properties.$insert_id", "'properties.$insert_id' must be at most 36 characters of letters, digits and '-'");
        return null;
    }

    private static Reply ImportAnswer(int code, string error, string status) =>
        Reply.Json(code, new JsonObject { ["code"] = code, ["error"] = error, ["status"] = status });

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
