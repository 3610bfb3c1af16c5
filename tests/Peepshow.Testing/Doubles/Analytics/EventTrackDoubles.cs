using Peepshow.Testing.Http;

namespace Peepshow.Testing.Doubles.Analytics;

/// <summary>
/// Standalone mode for <c>peepshow-sink-event-track</c>: the three analytics doubles on one loopback port
/// (their paths differ), so a demo can point the sink at any provider:
/// <c>dotnet run --project tests/Peepshow.Testing -- event-track [--port N]</c>.
/// Prints <c>listening on &lt;url&gt;</c>, then one JSON line per stored event on stdout; dropped events and the
/// endpoint list go to stderr. The token is EVENT_TRACK_TOKEN when set, else <see cref="AnalyticsDouble.DemoToken"/>.
/// </summary>
public static class EventTrackDoubles
{
    public static async Task RunStandaloneAsync(int port, CancellationToken cancellationToken)
    {
        var token = Environment.GetEnvironmentVariable("EVENT_TRACK_TOKEN") is { Length: > 0 } fromEnv ? fromEnv : AnalyticsDouble.DemoToken;
        AnalyticsDouble[] doubles = [new MixpanelDouble(token), new AmplitudeDouble(token), new SegmentDouble(token)];
        foreach (var analytics in doubles)
        {
            // Mixpanel events carry the token; a real one given through EVENT_TRACK_TOKEN is not echoed.
            analytics.OnStored = e => Console.Out.WriteLine(token == AnalyticsDouble.DemoToken ? e.ToJsonLine() : e.ToJsonLine().Replace(token, "***", StringComparison.Ordinal));
            analytics.OnDropped = e => Console.Error.WriteLine($"{e.Provider}: answered success but dropped the event: {e.Reason}");
        }

        await using var server = await LoopbackServer.StartAsync(app =>
        {
            foreach (var analytics in doubles)
                analytics.Map(app);
        }, port, cancellationToken);

        Console.Out.WriteLine($"listening on {server.BaseUrl}");
        foreach (var analytics in doubles)
            Console.Error.WriteLine($"{analytics.Provider}: EVENT_TRACK_PROVIDER={analytics.Provider} EVENT_TRACK_ENDPOINT={server.BaseUrl}{analytics.Path}");
        Console.Error.WriteLine(token == AnalyticsDouble.DemoToken
            ? $"token: EVENT_TRACK_TOKEN={AnalyticsDouble.DemoToken} (the demo token)"
            : "token: the EVENT_TRACK_TOKEN this double was started with");

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
