namespace Peepshow.Sinks.EventTrack.Providers;

/// <summary>
/// One analytics service: how its request looks (pure, so specs can check every byte) and how to read its
/// answer (pure too). Delivery, retries and redaction are the same for all three and live in the sink flow.
/// </summary>
internal interface IEventProvider
{
    /// <summary>Lower-case name as in EVENT_TRACK_PROVIDER and the success line.</summary>
    string Name { get; }

    /// <summary>What EVENT_TRACK_TOKEN is for this provider, in its own words ("project token", "API key", "write key").</summary>
    string TokenKind { get; }

    /// <summary>The field EVENT_TRACK_USER_ID becomes.</summary>
    string UserIdField { get; }

    /// <summary>The field the dedupe key travels in.</summary>
    string DedupeField { get; }

    Uri DefaultEndpoint(DataRegion region);

    /// <summary>The request for one event. Throws <see cref="Protocol.Hosting.SinkException"/> when the provider would refuse it anyway.</summary>
    /// <param name="now">The sink's clock (never the machine's directly, so specs can pin it): Mixpanel picks its endpoint by the event's age.</param>
    ProviderRequest Build(TrackEvent trackEvent, string token, Uri endpoint, DateTimeOffset now);

    /// <summary>Accepted, or the one-line reason the event was not recorded.</summary>
    Outcome Interpret(ProviderResponse response);

    /// <summary>
    /// The same for an answer to <paramref name="request"/>: a provider whose requests go to more than one endpoint
    /// (Mixpanel's /import) reads each endpoint's answers in that endpoint's terms.
    /// </summary>
    Outcome Interpret(ProviderRequest request, ProviderResponse response) => Interpret(response);

    /// <summary>Something the user should know about this event before it is sent (stderr only).</summary>
    string? Caveat(TrackEvent trackEvent, Uri endpoint, DateTimeOffset now) => null;
}
