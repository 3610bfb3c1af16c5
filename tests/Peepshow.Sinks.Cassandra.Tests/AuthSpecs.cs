using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Sinks.Cassandra.Tests;

public sealed class AuthSpecs
{
    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2, "HTTP 401: Role unauthorized for operation: Missing token, expecting one in the X-Cassandra-Token header.")]
    [InlineData(StargateFlavour.V1, "HTTP 401: Role unauthorized for operation: Missing token")]
    public async Task A_missing_token_fails_with_exit_5_saying_to_set_CASSANDRA_TOKEN(StargateFlavour flavour, string answer)
    {
        await using var stargate = await CassandraFixture.StargateAsync(flavour);
        var env = CassandraFixture.Env(stargate);
        env.Remove("CASSANDRA_TOKEN");

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("peepshow-sink-cassandra: Stargate requires a token", line);
        Assert.Contains(answer, line);
        Assert.Contains("set CASSANDRA_TOKEN", line);
        Assert.Contains("/v1/auth", line);
        Assert.Equal(1, stargate.RequestCount);
        Assert.Equal(0, stargate.RowCount(CassandraFixture.Keyspace, CassandraFixture.Table));
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2, "HTTP 401: Unauthenticated gRPC operation (Status.Code.UNAUTHENTICATED->401): UNAUTHENTICATED: Invalid token")]
    [InlineData(StargateFlavour.V1, "HTTP 401: Role unauthorized for operation: Invalid token")]
    public async Task A_wrong_or_expired_token_fails_with_exit_5_without_ever_printing_it(StargateFlavour flavour, string answer)
    {
        await using var stargate = await CassandraFixture.StargateAsync(flavour, token: "the-current-token");

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(5, result.ExitCode);
        Assert.StartsWith("peepshow-sink-cassandra: Stargate rejected CASSANDRA_TOKEN", result.Stderr);
        Assert.Contains(answer, result.Stderr);
        Assert.Contains("wrong or expired", result.Stderr);
        Assert.Equal(1, stargate.RequestCount);
    }

    [Fact(Timeout = 30000)]
    public async Task The_token_the_sink_sends_is_the_one_from_v1_auth()
    {
        await using var stargate = await CassandraFixture.StargateAsync(token: "issued-by-auth-0001");
        using var http = new HttpClient();
        using var auth = await http.PostAsync(
            stargate.BaseUrl + "/v1/auth",
            new StringContent("""{"username":"cassandra","password":"cassandra"}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        var token = System.Text.Json.JsonDocument.Parse(await auth.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .RootElement.GetProperty("authToken").GetString();
        var env = CassandraFixture.Env(stargate);
        env["CASSANDRA_TOKEN"] = token!;

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(201, (int)auth.StatusCode);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("issued-by-auth-0001", stargate.Requests[^1].Header("X-Cassandra-Token"));
    }

    [Fact(Timeout = 30000)]
    public async Task A_403_says_which_permission_the_token_lacks()
    {
        await using var stargate = await CassandraFixture.StargateAsync();
        stargate.Fail(StargateFault.Http(403, """{"description":"Role unauthorized for operation: User ro has no MODIFY permission on <table peepshow.peepshow_runs> or any of its parents","code":403}"""));

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("needs MODIFY on peepshow.peepshow_runs", result.Stderr);
        Assert.Equal(1, stargate.RequestCount);
    }

    [Fact(Timeout = 30000)]
    public async Task A_token_echoed_in_an_error_body_is_still_redacted()
    {
        await using var stargate = await CassandraFixture.StargateAsync();
        stargate.Fail(StargateFault.Http(400, $$"""{"description":"bad header X-Cassandra-Token: {{CassandraFixture.Token}}","code":400}"""));

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("X-Cassandra-Token: ***", result.Stderr);
    }
}
