using System.Text.Json.Nodes;

namespace Peepshow.Testing.Doubles.Analytics;

public sealed record DroppedEvent(string Provider, string Reason, JsonObject Raw);
