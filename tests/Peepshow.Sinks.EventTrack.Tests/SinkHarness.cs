using System.Text;
using System.Text.Json.Nodes;
using Peepshow.Protocol;
using Peepshow.Protocol.Hosting;
using Peepshow.Testing.Doubles.Analytics;
using Peepshow.Testing.Http;

namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>What one run of the sink did at its process boundary.</summary>
internal sealed record SinkRun(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}

/// <summary>Runs the sink in-process with exact stdin and env, and checks on every run that the token never leaks.</summary>
internal static class SinkHarness
{
    /// <summary>Distinctive, so a leak in any encoding is unmistakable.</summary>
    public const string Token = "tok-SECRET-7c0ffee1d2";

    public const string UserId = "user-20391";

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
        mixpanel.Now = () => Fixtures.Runs.CreatedAt.AddMinutes(1);
        return mixpanel;
    }

    public static Task<SinkRun> RunAsync(IReadOnlyDictionary<string, string?> env, byte[] stdin, params string[] args) =>
        RunAsync(env, stdin, TimeProvider.System, args);

    public static async Task<SinkRun> RunAsync(IReadOnlyDictionary<string, string?> env, byte[] stdin, TimeProvider clock, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var io = new SinkIo(new MemoryStream(stdin), stdout, stderr, name => env.TryGetValue(name, out var value) ? value : null) { Time = clock };

        var code = await SinkApp.RunAsync(args, EventTrackSink.Definition, io, TestContext.Current.CancellationToken);

        var run = new SinkRun(code, stdout.ToString(), stderr.ToString());
        AssertNoToken(run.Output);
        return run;
    }

    /// <summary>The token in none of the forms it travels in: raw, URL-encoded, Basic auth, base64.</summary>
    public static void AssertNoToken(string output)
    {
        Assert.DoesNotContain(Token, output);
        Assert.DoesNotContain(Uri.EscapeDataString(Token), output);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Token + ":")), output);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)), output);
    }

    /// <summary>The event's time as its provider received it (JSON text): Mixpanel/Amplitude epoch ms, Segment an ISO string.</summary>
    public static string EventTime(StoredEvent stored) => (stored.Provider switch
    {
        "mixpanel" => stored.Raw["properties"]!["time"],
        "amplitude" => stored.Raw["time"],
        _ => stored.Raw["timestamp"],
    })!.ToJsonString();

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}

/// <summary>A clock stopped at one instant, for specs about event time; timers still run on the system clock.</summary>
internal sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
