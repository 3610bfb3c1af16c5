namespace Peepshow.Testing.Doubles.Analytics;

/// <param name="Identity">What the service dedupes on; null when the event carries no key (always stored).</param>
public sealed record Ingested(StoredEvent Event, string? Identity);
