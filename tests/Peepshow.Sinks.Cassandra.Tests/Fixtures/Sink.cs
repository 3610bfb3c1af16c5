using System.Text.Json;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Sinks.Cassandra.Tests.Fixtures;

/// <summary>Runs the sink in-process against a Stargate double, with exact env, stdin and captured output.</summary>
internal static class Sink
{
    /// <summary>Distinctive, so "no output contains the token" cannot pass by accident.</summary>
    public const string Token = "sgtok-5b1e0c77-QUIETLY-DISTINCTIVE";

    public const string Keyspace = "peepshow";
    public const string Table = "peepshow_runs";

    /// <summary>A Stargate with the keyspace and (unless told otherwise) the peepshow table, requiring <see cref="Token"/>.</summary>
    public static async Task<StargateDouble> StargateAsync(StargateFlavour flavour = StargateFlavour.V2, bool withTable = true, string? token = Token)
    {
        var stargate = await StargateDouble.StartAsync(token, flavour, cancellationToken: TestContext.Current.CancellationToken);
        stargate.CreateKeyspace(Keyspace);
        if (withTable)
            stargate.CreateTable(Keyspace, StargateTableSchema.PeepshowRuns(Table));
        return stargate;
    }

    /// <summary>The env a user would set, plus millisecond backoff so retry specs stay fast.</summary>
    public static Dictionary<string, string> Env(StargateDouble stargate) => new()
    {
        ["CASSANDRA_URL"] = stargate.BaseUrl,
        ["CASSANDRA_KEYSPACE"] = Keyspace,
        ["CASSANDRA_TOKEN"] = Token,
        ["PEEPSHOW_SINK_RETRY_BASE_MS"] = "5",
        ["PEEPSHOW_SINK_MAX_SECONDS"] = "20",
    };

    public static Task<SinkRun> RunAsync(StargateDouble stargate, RunPayload payload, params string[] args) =>
        RunAsync(Env(stargate), Payloads.Json(payload), args);

    public static async Task<SinkRun> RunAsync(IReadOnlyDictionary<string, string> env, byte[] stdin, params string[] args)
    {
        var run = await SinkRun.InProcessAsync(CassandraSink.Definition, new MemoryStream(stdin), env, args, cancellationToken: TestContext.Current.CancellationToken);
        return run.WithoutToken(env.GetValueOrDefault("CASSANDRA_TOKEN"));
    }

    /// <summary>The row as a client reads it back: <c>GET /v2/keyspaces/{ks}/{table}/{run_id}</c>, <c>data[0]</c>.</summary>
    public static async Task<JsonElement> GetRowAsync(StargateDouble stargate, string runId, string table = Table)
    {
        var (count, data) = await GetAsync(stargate, $"{stargate.BaseUrl}/v2/keyspaces/{Keyspace}/{table}/{Uri.EscapeDataString(runId)}");
        Assert.Equal(1, count);
        return data[0];
    }

    public static async Task<(int Count, JsonElement[] Data)> GetAsync(StargateDouble stargate, string url)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(StargateDouble.TokenHeader, stargate.Token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("count").GetInt32(),
            json.RootElement.GetProperty("data").EnumerateArray().Select(e => e.Clone()).ToArray());
    }
}

internal static class SinkRunChecks
{
    /// <summary>
    /// Checked on every run, success or failure: a secret in a log is a leak whatever the exit code.
    /// Both the specs' distinctive token and the one actually configured must be absent.
    /// </summary>
    public static SinkRun WithoutToken(this SinkRun run, string? configured = null)
    {
        var output = run.Stdout + run.Stderr;
        Assert.DoesNotContain(Sink.Token, output, StringComparison.Ordinal);
        if (configured is { Length: >= 4 })
            Assert.DoesNotContain(configured, output, StringComparison.Ordinal);
        return run;
    }
}
