namespace Peepshow.Core.Outbox;

/// <summary>An entry file as found on disk: parsed, or the reason it could not be.</summary>
public sealed record OutboxListing(string Id, string File, OutboxEntry? Entry, string? Problem);
