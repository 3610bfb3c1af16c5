using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Analytics;

/// <summary>An answer of the simulated service.</summary>
public sealed record Reply(int Status, string Body, string ContentType = "application/json")
{
    public IReadOnlyList<Ingested> Ingested { get; init; } = [];

    public IReadOnlyList<DroppedEvent> Dropped { get; init; } = [];

    public static Reply Json(int status, JsonObject body) => new(status, body.ToJsonString(DoubleJson.Relaxed));
}
