using System.Text.Json.Nodes;
using Peepshow.Protocol;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Analytics;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>The analytics doubles and the environment the specs give the sink, which runs through the shared <see cref="SinkHarness"/>.</summary>
internal static class EventTrackFixture
{
    /// <summary>Distinctive, so a leak in any encoding is unmistakable.</summary>
    public const string Token = "tok-SECRET-7c0ffee1d2";

    public const string UserId = "user-20391";

    /// <summary>Every provider, for specs that hold for all three.</summary>
    public static IReadOnlyList<string> ProviderNames { get; } = ["mixpanel", "amplitude", "segment"];

    public static TheoryData<string> Providers => [.. ProviderNames];

    public static Dictionary<string, string?> EnvFor(AnalyticsDouble analytics, string? userId = UserId) => new()
    {
        ["EVENT_TRACK_PROVIDER"] = analytics.Provider,
        ["EVENT_TRACK_TOKEN"] = Token,
        ["EVENT_TRACK_USER_ID"] = userId,
        ["EVENT_TRACK_ENDPOINT"] = analytics.Url,
        // Retries in milliseconds instead of seconds; Retry-After keeps its 1 s floor.
        [EnvNames.SinkRetryBaseMs] = "5",
    };

    /// <summary>A double of <paramref name="provider"/> whose project has <see cref="Token"/> and a clock at the fixtures' time.</summary>
    public static async Task<AnalyticsDouble> StartAsync(string provider, string token = Token) => provider switch
    {
        "mixpanel" => Pinned(await MixpanelDouble.StartAsync(token)),
        "amplitude" => await AmplitudeDouble.StartAsync(token),
        "segment" => await SegmentDouble.StartAsync(token),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    private static MixpanelDouble Pinned(MixpanelDouble mixpanel)
    {
        mixpanel.Now = () => RunPayloads.CreatedAt.AddMinutes(1);
        return mixpanel;
    }

    /// <summary>
    /// Runs the sink with its clock a minute after the fixtures' <c>createdAt</c>, like the Mixpanel double's: with the
    /// machine's clock, the fixture run would turn "older than 5 days" on its own some day and take Mixpanel's /import.
    /// </summary>
    public static Task<SinkRun> RunAsync(IReadOnlyDictionary<string, string?> env, byte[] stdin, params string[] args) =>
        RunAsync(env, stdin, new ShiftedClock(RunPayloads.CreatedAt.AddMinutes(1)), args);

    public static Task<SinkRun> RunAsync(IReadOnlyDictionary<string, string?> env, byte[] stdin, TimeProvider clock, params string[] args) =>
        SinkHarness.RunAsync(EventTrackSink.Definition, stdin, env, args, secrets: [Token], clock: clock, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>The event's time as its provider received it (JSON text): Mixpanel/Amplitude epoch ms, Segment an ISO string.</summary>
    public static string EventTime(StoredEvent stored) => (stored.Provider switch
    {
        "mixpanel" => stored.Raw["properties"]!["time"],
        "amplitude" => stored.Raw["time"],
        _ => stored.Raw["timestamp"],
    })!.ToJsonString();

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
