using Peepshow.Protocol;
using Peepshow.Sinks.Common.Tests.Shared;
using Peepshow.Sinks.Databricks.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Http;
using static Peepshow.Sinks.Databricks.Tests.Fixtures.DatabricksFixture;

namespace Peepshow.Sinks.Databricks.Tests;

/// <summary>
/// What stands at DATABRICKS_URL may not be Databricks, or may be hostile: the token and the row go to that host
/// only, and only a statement response counts as an answer.
/// </summary>
public sealed class HostileBackendSpecs
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(SinkTheoryData.RedirectStatuses), MemberType = typeof(SinkTheoryData))]
    public async Task A_redirect_to_another_host_is_exit_2_and_the_token_and_statement_never_reach_it(int status)
    {
        // The target is a working workspace that accepts this very token: the worst case.
        await using var elsewhere = await StartDoubleAsync();
        await using var redirect = await RedirectServer.StartAsync(elsewhere.BaseUrl, status, TestContext.Current.CancellationToken);

        var result = await RunAsync(elsewhere, Payloads.Json(RunPayloads.Full), (DatabricksEnv.Url, redirect.BaseUrl));

        Assert.Equal(SinkExitCodes.InvalidConfig, result.ExitCode);
        Assert.Equal(0, elsewhere.Requests.Count);
        Assert.Equal(1, redirect.Requests.Count);
        Assert.Contains($"redirected to {elsewhere.BaseUrl}/api/2.0/sql/statements", result.Stderr);
        Assert.Contains(DatabricksEnv.Url, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(SinkTheoryData.NotADelivery), MemberType = typeof(SinkTheoryData))]
    public async Task An_answer_that_is_not_a_statement_response_is_exit_5(int status, string contentType, string body)
    {
        await using var databricks = await StartDoubleAsync();
        await using var server = await SameAnswerServer.StartAsync(status, body, contentType, TestContext.Current.CancellationToken);

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.Url, server.BaseUrl));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"HTTP {status}", result.Stderr);
        Assert.Equal(0, databricks.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_Retry_After_longer_than_the_budget_stops_at_once_and_says_so()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.Faults.Enqueue(HttpFault.Respond(429, """{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"Too many requests"}""", ("Retry-After", "3600")));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (EnvNames.SinkMaxSeconds, "6"));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(1, databricks.Requests.Count);
        Assert.Matches(@"asked to retry after 3600 s, more than the [56] s left of the retry budget", result.Stderr);
    }
}
