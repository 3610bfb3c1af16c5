using Peepshow.Http;
using Peepshow.Protocol.Hosting;
using Peepshow.Sinks.Common.Delivery;
using Peepshow.Sinks.EventTrack.Providers;

namespace Peepshow.Sinks.EventTrack;

/// <param name="Endpoint">EVENT_TRACK_ENDPOINT as given, else the provider's host for <paramref name="Region"/>.</param>
internal sealed record EventTrackConfig(
    IEventProvider Provider,
    string Token,
    string UserId,
    string EventName,
    DataRegion Region,
    Uri Endpoint,
    RetryPolicy Retry)
{
    /// <summary>Reads and validates every variable before stdin is touched; each problem is exit 2 naming the variable.</summary>
    public static EventTrackConfig Read(SinkEnvironment env)
    {
        var providerName = env.Require(EventTrackEnv.Provider, $"which analytics service receives the event: {EventProviders.NameList}");
        var provider = EventProviders.Find(providerName)
            ?? throw SinkException.Config($"{EventTrackEnv.Provider} '{providerName}' is not a provider this sink knows; use {EventProviders.NameList}");
        var token = env.Require(EventTrackEnv.Token, $"the {provider.Name} {provider.TokenKind}");
        var userId = env.Require(EventTrackEnv.UserId, $"who the event belongs to: {provider.Name}'s {provider.UserIdField}");
        var eventName = env.GetOrDefault(EventTrackEnv.EventName, EventTrackEnv.DefaultEventName);
        var region = ReadRegion(env);

        var endpoint = env.Get(EventTrackEnv.Endpoint) is { } url
            ? Override(env, url, provider.DefaultEndpoint(region))
            : provider.DefaultEndpoint(region);

        return new EventTrackConfig(provider, token, userId, eventName, region, endpoint, RetryPolicy.FromEnvironment(env));
    }

    /// <summary>
    /// EVENT_TRACK_ENDPOINT is the full URL. A bare host (<c>https://api-eu.mixpanel.com</c>, a mock's
    /// <c>http://127.0.0.1:8765</c>) gets the provider's usual path: no ingestion endpoint lives at "/".
    /// </summary>
    private static Uri Override(SinkEnvironment env, string url, Uri usual)
    {
        // The token travels with every request (body or Basic auth), so the override is held to the credential rule.
        var endpoint = EndpointGuard.Parse(env, EventTrackEnv.Endpoint, url, sendsCredentials: true);
        return endpoint.AbsolutePath == "/" && string.IsNullOrEmpty(endpoint.Query)
            ? EndpointGuard.Combine(endpoint, usual.AbsolutePath)
            : endpoint;
    }

    private static DataRegion ReadRegion(SinkEnvironment env)
    {
        var value = env.Get(EventTrackEnv.Region);
        return value?.ToLowerInvariant() switch
        {
            null or "us" => DataRegion.Us,
            "eu" => DataRegion.Eu,
            _ => throw SinkException.Config(
                $"{EventTrackEnv.Region} '{value}' is not a region; use us (the default) or eu, or set {EventTrackEnv.Endpoint} to the full URL"),
        };
    }
}
