using Peepshow.Http;
using Peepshow.Protocol.Hosting;
using Peepshow.Protocol.Payload;
using Peepshow.Sinks.Common.Delivery;
using Peepshow.Sinks.EventTrack.Providers;

namespace Peepshow.Sinks.EventTrack;

/// <summary>peepshow-sink-event-track: one analytics event per run to Mixpanel, Amplitude or Segment.</summary>
internal static class EventTrackSink
{
    public const string Name = "event-track";

    public static SinkInfo Info { get; } = new(Name, "sends one analytics event per run to Mixpanel, Amplitude or Segment",
    [
        new EnvVarDoc(EventTrackEnv.Provider, "mixpanel, amplitude or segment (any case)", Required: true),
        new EnvVarDoc(EventTrackEnv.Token, "Mixpanel project token, Amplitude API key or Segment write key", Required: true, Secret: true),
        new EnvVarDoc(EventTrackEnv.UserId, "who the event belongs to: Mixpanel distinct_id, Amplitude user_id, Segment userId", Required: true),
        new EnvVarDoc(EventTrackEnv.EventName, "event name", Default: EventTrackEnv.DefaultEventName),
        new EnvVarDoc(EventTrackEnv.Region, "us or eu: the provider's documented EU ingestion host", Default: "us"),
        new EnvVarDoc(EventTrackEnv.Endpoint, "full URL instead of the provider's (EU, proxy, staging, a local mock); https unless loopback; Mixpanel runs older than 5 days go to /import next to a URL ending in /track"),
        .. EndpointGuard.Variables,
        .. RetryPolicy.Variables,
    ]);

    public static SinkDefinition<EventTrackConfig> Definition { get; } = new(Info, EventTrackConfig.Read, WriteAsync);

    private static async Task<string> WriteAsync(SinkInvocation<EventTrackConfig> run, CancellationToken cancellationToken)
    {
        var config = run.Config;
        var provider = config.Provider;
        var now = run.Time.GetUtcNow();
        var trackEvent = TrackEvent.From(run.Payload, config.EventName, config.UserId, now);

        if (trackEvent.TimeIsNow)
            Note(run, $"note: the payload has no createdAt, so the event time is now ({UtcTimestampConverter.ToText(now)}); a later replay of this payload gets a new time");
        if (provider.Caveat(trackEvent, config.Endpoint, now) is { } caveat)
            Note(run, caveat);

        var request = provider.Build(trackEvent, config.Token, config.Endpoint, now);
        var summary = $"{trackEvent.Name} for {trackEvent.UserId} ({trackEvent.DedupeKey})";

        if (run.DryRun)
        {
            await DumpAsync(run.Out, provider.Build(trackEvent, Redactor.Mask, config.Endpoint, now), cancellationToken);
            return $"event-track: dry run, nothing sent; {provider.Name} would receive {summary}";
        }

        using var http = new SinkHttpClient(config.Retry, run.Error, run.Time) { EndpointVariable = EventTrackEnv.Endpoint };
        using var response = await http.SendAsync(request.ToHttpRequest, $"{provider.Name} POST {request.Url.AbsolutePath}", cancellationToken);
        var outcome = provider.Interpret(request, await ProviderResponse.ReadAsync(response, cancellationToken));
        if (!outcome.Accepted)
            throw SinkException.Remote(Describe(outcome, response, http.Attempts, provider));

        // "via /import" tells the user which of Mixpanel's views to search; the usual route needs no mention.
        return $"event-track: {provider.Name} accepted {summary}" + (request.Via is { } via ? $" via {via}" : "");
    }

    private static string Describe(Outcome outcome, HttpResponseMessage response, int attempts, IEventProvider provider)
    {
        var tries = attempts > 1 ? $" (after {attempts} attempts)" : "";
        // A throttled or failing provider may recover; the run waits in peepshow's outbox and its key makes the replay safe.
        var hint = outcome.Hint ?? (RetryPolicy.IsRetryable(response.StatusCode)
            ? $"peepshow keeps the run in its outbox; `peepshow sinks retry` resends it with the same {provider.DedupeField}, so it is never counted twice"
            : null);
        return outcome.Reason + tries + (hint is null ? "" : "; " + hint);
    }

    /// <summary>The exact request, built with the token replaced by <c>***</c>, plus the decoded event when the body is form-encoded.</summary>
    private static async Task DumpAsync(TextWriter output, ProviderRequest masked, CancellationToken cancellationToken)
    {
        using var message = masked.ToHttpRequest();
        await output.WriteAsync(await HttpDump.RequestAsync(message, cancellationToken));
        if (masked.Readable is { } readable)
            await output.WriteAsync($"\n# data, decoded:\n{readable}\n");
    }

    private static void Note(SinkInvocation<EventTrackConfig> run, string text) =>
        run.Error.WriteLine($"{Info.ExecutableName}: {text}");
}
