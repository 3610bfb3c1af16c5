using System.Text.Json;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Sinks.Cassandra.Tests.Fixtures;

/// <summary>A Stargate double with the peepshow keyspace and the environment a user would set; the sink runs through the shared <see cref="SinkHarness"/>.</summary>
internal static class CassandraFixture
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

    public static Task<SinkRun> RunAsync(IReadOnlyDictionary<string, string> env, byte[] stdin, params string[] args) =>
        SinkHarness.RunAsync(CassandraSink.Definition, stdin, Nullable(env), args, secrets: [Token], cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>The sink's real executable, with the same check.</summary>
    public static Task<SinkRun> RunProcessAsync(IReadOnlyDictionary<string, string> env, byte[] stdin, params string[] args) =>
        SinkHarness.RunProcessAsync(CassandraSink.Definition.Info, stdin, Nullable(env), args, secrets: [Token], cancellationToken: TestContext.Current.CancellationToken);

    private static Dictionary<string, string?> Nullable(IReadOnlyDictionary<string, string> env) =>
        env.ToDictionary(e => e.Key, string? (e) => e.Value, StringComparer.Ordinal);

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
