using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Analytics;

/// <summary>One event as the service stored it.</summary>
/// <param name="Properties">The custom properties only (Mixpanel's token, distinct_id, time and $insert_id removed).</param>
/// <param name="Key">The event's dedupe key field as sent ($insert_id, insert_id, messageId).</param>
/// <param name="Raw">The event object exactly as received.</param>
public sealed record StoredEvent(string Provider, string Name, string? UserId, string? Key, JsonObject Properties, JsonObject Raw)
{
    /// <summary>One line for standalone mode: <c>{"provider":…,"key":…,"event":{…}}</c>.</summary>
    public string ToJsonLine() =>
        new JsonObject { ["provider"] = Provider, ["key"] = Key, ["event"] = Raw.DeepClone() }.ToJsonString(DoubleJson.Relaxed);
}
