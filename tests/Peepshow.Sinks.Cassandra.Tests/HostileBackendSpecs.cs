using Peepshow.Protocol;
using Peepshow.Sinks.Common.Tests.Shared;
using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Stargate;
using Peepshow.Testing.Http;

namespace Peepshow.Sinks.Cassandra.Tests;

/// <summary>
/// What stands at CASSANDRA_URL may not be Stargate, or may be hostile: the token and the row go to that host only,
/// and only Stargate's own 201 answer counts as a written row.
/// </summary>
public sealed class HostileBackendSpecs
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(SinkTheoryData.RedirectStatuses), MemberType = typeof(SinkTheoryData))]
    public async Task A_redirect_to_another_host_is_exit_2_and_the_token_and_row_never_reach_it(int status)
    {
        // The target is a working Stargate that would happily store the row: the worst case.
        await using var elsewhere = await CassandraFixture.StargateAsync();
        await using var redirect = await RedirectServer.StartAsync(elsewhere.BaseUrl, status, TestContext.Current.CancellationToken);
        var env = CassandraFixture.Env(elsewhere);
        env["CASSANDRA_URL"] = redirect.BaseUrl;

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.InvalidConfig, result.ExitCode);
        Assert.Equal(0, elsewhere.RequestCount);
        Assert.Equal(1, redirect.Requests.Count);
        Assert.Contains($"redirected to {elsewhere.BaseUrl}/v2/keyspaces/{CassandraFixture.Keyspace}/{CassandraFixture.Table}", result.Stderr);
        Assert.Contains("CASSANDRA_URL", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(SinkTheoryData.NotADelivery), MemberType = typeof(SinkTheoryData))]
    [InlineData(201, "application/json", "{}")]
    [InlineData(201, "application/json", """{"run_id":"some-other-run"}""")]
    [InlineData(201, "text/html", "<html>Created</html>")]
    public async Task An_answer_that_is_not_Stargates_201_is_exit_5_showing_what_came_back(int status, string contentType, string body)
    {
        await using var server = await SameAnswerServer.StartAsync(status, body, contentType, TestContext.Current.CancellationToken);
        var env = new Dictionary<string, string>
        {
            ["CASSANDRA_URL"] = server.BaseUrl,
            ["CASSANDRA_KEYSPACE"] = CassandraFixture.Keyspace,
            ["CASSANDRA_TOKEN"] = CassandraFixture.Token,
            ["PEEPSHOW_SINK_RETRY_BASE_MS"] = "5",
        };

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"HTTP {status}", result.Stderr);
        Assert.Contains("not Stargate's answer to a written row", result.Stderr);
        if (body.Length > 0)
            Assert.Contains(body.Length > 40 ? body[..40] : body, result.Stderr);
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2)]
    [InlineData(StargateFlavour.V1)]
    public async Task Both_Stargate_answers_to_a_written_row_count_as_written(StargateFlavour flavour)
    {
        await using var stargate = await CassandraFixture.StargateAsync(flavour);

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, stargate.RowCount(CassandraFixture.Keyspace, CassandraFixture.Table));
    }

    [Fact(Timeout = 30000)]
    public async Task A_create_table_answer_that_is_not_Stargates_is_exit_5()
    {
        await using var stargate = await CassandraFixture.StargateAsync(withTable: false);
        // The row POST is Stargate's own "table not found"; the schema POST is answered by something else.
        stargate.Fail(StargateFault.Http(400, """{"description":"Table 'peepshow_runs' not found (in keyspace 'peepshow')","code":400}"""), StargateFault.Http(200, "{}"));
        var env = CassandraFixture.Env(stargate);
        env["CASSANDRA_CREATE_TABLE"] = "1";

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Null(stargate.Table(CassandraFixture.Keyspace, CassandraFixture.Table));
        Assert.Contains("HTTP 200", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_Retry_After_longer_than_the_budget_stops_at_once_and_says_so()
    {
        await using var stargate = await CassandraFixture.StargateAsync();
        stargate.Fail(StargateFault.Http(503, retryAfterSeconds: 600));
        var env = CassandraFixture.Env(stargate);
        env["PEEPSHOW_SINK_MAX_SECONDS"] = "6";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(1, stargate.RequestCount);
        Assert.Matches(@"asked to retry after 600 s, more than the [56] s left of the retry budget", result.Stderr);
        Assert.Contains("HTTP 503", result.Stderr);
    }
}
