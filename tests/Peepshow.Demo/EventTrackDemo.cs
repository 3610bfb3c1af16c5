using Peepshow.Testing.Doubles.Analytics;
using Peepshow.Testing.Http;

namespace Peepshow.Demo;

/// <summary>peepshow-sink-event-track into the Mixpanel, Amplitude and Segment doubles, all on one loopback port.</summary>
public sealed class EventTrackDemo : ISinkDemo
{
    public string Name => "event-track";

    public async Task RunAsync(string sinkProgram, byte[] payload, CancellationToken cancellationToken)
    {
        Console.WriteLine("peepshow-sink-event-track -> the Mixpanel, Amplitude and Segment doubles (one loopback port)");
        var stored = new RecordFeed();
        AnalyticsDouble[] doubles = [new MixpanelDouble(), new AmplitudeDouble(), new SegmentDouble()];
        foreach (var analytics in doubles)
            analytics.OnStored = e => stored.Add(e.ToJsonLine());
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            foreach (var analytics in doubles)
                analytics.Map(app);
        }, cancellationToken: cancellationToken);

        foreach (var analytics in doubles)
        {
            var env = new Dictionary<string, string>
            {
                ["EVENT_TRACK_PROVIDER"] = analytics.Provider,
                ["EVENT_TRACK_TOKEN"] = AnalyticsDouble.DemoToken,
                ["EVENT_TRACK_USER_ID"] = "demo-user",
                // A bare host: the sink adds the provider's usual path (/track, /2/httpapi, /v1/track).
                ["EVENT_TRACK_ENDPOINT"] = server.BaseUrl,
            };
            var run = await DemoProcess.RunAsync(sinkProgram, [], env, payload, cancellationToken, clearPrefix: "EVENT_TRACK_");
            Console.WriteLine($"  {run.StandardOutput.Trim()}");
            Console.WriteLine($"  {analytics.Provider} stored: {await stored.NextAsync(cancellationToken)}");
        }
    }
}
