using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Peepshow.Testing.Doubles.Analytics;

/// <summary>
/// Segment's HTTP Tracking API <c>POST /v1/track</c> (docs/sinks/event-track.md), quirks included:
/// <list type="bullet">
/// <item>the write key comes as <c>Authorization: Basic base64("&lt;writeKey&gt;:")</c> (empty password, colon kept) or as a
/// <c>writeKey</c> body field; a missing or malformed one is 400;</item>
/// <item>over 32 KB is 400 <c>Exceed payload limit</c>; invalid JSON is 400;</item>
/// <item>everything that parses is 200 <c>{"success":true}</c>, even when Segment then drops the event (unknown write key,
/// no userId/anonymousId, no event name): those land in <see cref="AnalyticsDouble.Dropped"/>;</item>
/// <item>dedupe on <c>messageId</c>.</item>
/// </list>
/// 400 bodies follow Segment's own fake (tracking-api-chaos): <c>{"success":false,"message":"…"}</c>.
/// </summary>
public sealed class SegmentDouble(string writeKey = AnalyticsDouble.DemoToken) : AnalyticsDouble("segment", "/v1/track", writeKey)
{
    public const int MaxEventBytes = 32 * 1024;

    public static Task<SegmentDouble> StartAsync(string writeKey = DemoToken) => ListenAsync(new SegmentDouble(writeKey));

    protected override Reply Process(HttpRequest request, string text)
    {
        if (Encoding.UTF8.GetByteCount(text) > MaxEventBytes)
            return BadRequest("Exceed payload limit");
        if (MediaTypeOf(request) != "application/json" || DoubleJson.TryParse(text) is not JsonObject body)
            return BadRequest("Invalid JSON");

        var authorization = request.Headers.Authorization;
        var (writeKey, problem) = WriteKeyOf(authorization.Count == 0 ? null : authorization.ToString(), body);
        if (problem is not null)
            return BadRequest(problem);

        var ok = Reply.Json(200, new JsonObject { ["success"] = true });
        var userId = DoubleJson.Scalar(body["userId"]) ?? DoubleJson.Scalar(body["anonymousId"]);
        var name = DoubleJson.String(body["event"]);
        string? dropReason = writeKey != Token ? "unknown write key (Segment accepts and then discards)"
            : string.IsNullOrEmpty(userId) ? "no_user_anon_id"
            : string.IsNullOrEmpty(name) ? "track event without an event name"
            : null;
        if (dropReason is not null)
            return ok with { Dropped = [Dropping(dropReason, body)] };

        var messageId = DoubleJson.String(body["messageId"]);
        var stored = new StoredEvent(Provider, name!, userId, messageId, (JsonObject?)body["properties"]?.DeepClone() ?? [], body);
        return ok with { Ingested = [new Ingested(stored, messageId)] };
    }

    /// <summary>The write key from Basic auth (checked strictly: user = key, empty password) or from the body.</summary>
    private static (string? Key, string? Problem) WriteKeyOf(string? authorization, JsonObject body)
    {
        if (authorization is null)
            return DoubleJson.String(body["writeKey"]) is { Length: > 0 } fromBody
                ? (fromBody, null)
                : (null, "missing write key: send Authorization: Basic base64(writeKey + \":\") or a writeKey field");

        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return (null, "Authorization must use the Basic scheme");
        var encoded = authorization[scheme.Length..].Trim();
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written))
            return (null, "Authorization is not valid base64");
        var credentials = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = credentials.IndexOf(':');
        if (colon < 0)
            return (null, "Authorization must be base64 of \"<writeKey>:\" (the colon is required)");
        if (colon == 0)
            return (null, "missing write key in Authorization");
        if (colon != credentials.Length - 1)
            return (null, "Authorization password must be empty: base64 of \"<writeKey>:\"");
        return (credentials[..colon], null);
    }

    private static Reply BadRequest(string message) =>
        Reply.Json(400, new JsonObject { ["success"] = false, ["message"] = message });
}
