using System.Diagnostics;
using Peepshow.Protocol;
using Peepshow.Sinks.Databricks.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Databricks;
using Peepshow.Testing.Http;
using static Peepshow.Sinks.Databricks.Tests.Fixtures.DatabricksFixture;

namespace Peepshow.Sinks.Databricks.Tests;

public sealed class HttpFaultSpecs
{
    private const string Table = "main.default.peepshow_runs";

    private static HttpFault OnSubmit(HttpFault fault) => fault.For("POST", DatabricksDouble.ApiPath);

    private static int Submits(DatabricksDouble databricks) => databricks.Requests.All.Count(r => r.Method == "POST" && r.Path == DatabricksDouble.ApiPath);

    public static TheoryData<string> RetryableFaults => ["503", "500", "502", "504", "drop"];

    [Theory(Timeout = 30000)]
    [MemberData(nameof(RetryableFaults))]
    public async Task A_transient_fault_on_the_statement_request_is_retried_and_leaves_exactly_one_row(string fault)
    {
        await using var databricks = await StartDoubleAsync();
        var scripted = fault == "drop"
            ? HttpFault.Drop()
            : HttpFault.Respond(int.Parse(fault), $$"""{"error_code":"TEMPORARILY_UNAVAILABLE","message":"scripted {{fault}}"}""");
        databricks.Faults.Enqueue(OnSubmit(scripted), times: 2);

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.Single(databricks.Workspace.Rows(Table));
        // MERGE twice refused, MERGE (table missing), CREATE, MERGE.
        Assert.Equal(5, Submits(databricks));
        Assert.Contains("retry: POST /api/2.0/sql/statements (MERGE) attempt 2/6 failed", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_429_is_retried_after_Retry_After_seconds()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.Faults.Enqueue(OnSubmit(HttpFault.Respond(429, """{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"Too many requests"}""", ("Retry-After", "1"))));
        var clock = Stopwatch.StartNew();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.Single(databricks.Workspace.Rows(Table));
        // The spec's retry base is 5 ms, so only Retry-After explains a full second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"took {clock.Elapsed}");
        Assert.Contains("failed (HTTP 429); next in 1.0 s", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_connection_dropped_after_the_row_was_committed_is_retried_without_a_second_row()
    {
        await using var databricks = await StartDoubleAsync();
        await RunAsync(databricks, Payloads.Json(RunPayloads.Full with { RunId = "setup-run" }));
        databricks.Faults.Enqueue(OnSubmit(HttpFault.DropAfterHandling()));
        var before = databricks.Statements.Count;

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.Single(databricks.Workspace.Rows(Table), r => Equals(r["run_id"], RunPayloads.RunId));
        Assert.Equal(2, databricks.Workspace.Rows(Table).Count);
        // Both MERGEs executed on the server; the second found the row the first one committed.
        Assert.Equal(before + 2, databricks.Statements.Count);
        Assert.Contains("already there", result.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task A_fault_while_polling_is_retried_and_the_statement_still_completes()
    {
        await using var databricks = await StartDoubleAsync();
        await RunAsync(databricks, Payloads.Json(RunPayloads.Full with { RunId = "setup-run" }));
        databricks.RunningPolls = 2;
        databricks.Faults.Enqueue(HttpFault.Respond(503, """{"error_code":"TEMPORARILY_UNAVAILABLE","message":"try again"}""").For("GET", DatabricksDouble.ApiPath));
        databricks.Faults.Enqueue(HttpFault.Drop().For("GET", DatabricksDouble.ApiPath));
        var before = databricks.Statements.Count;

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, databricks.Workspace.Rows(Table).Count);
        Assert.Equal(before + 1, databricks.Statements.Count);
        Assert.Equal(0, databricks.Faults.Pending);
    }

    [Fact(Timeout = 30000)]
    public async Task A_backend_that_stays_unavailable_gives_up_with_exit_5_after_the_attempt_budget()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.Faults.Enqueue(OnSubmit(HttpFault.Respond(503, """{"error_code":"TEMPORARILY_UNAVAILABLE","message":"warehouse is restarting"}""")), times: 10);

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (EnvNames.SinkMaxAttempts, "3"));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal(3, databricks.Requests.Count);
        Assert.Equal(
            "peepshow-sink-databricks: POST /api/2.0/sql/statements (MERGE): HTTP 503 TEMPORARILY_UNAVAILABLE: warehouse is restarting (gave up after 3 attempts). "
            + "Databricks is throttling or unavailable; the run can be replayed later (peepshow sinks retry)",
            result.StderrLines[^1]);
        Assert.Empty(databricks.Workspace.TableNames);
    }

    [Fact(Timeout = 30000)]
    public async Task A_wrong_token_fails_fast_on_the_numeric_403_and_says_what_to_check()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.Token, "dapi-WRONG-0000-also-secret"));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal(1, databricks.Requests.Count);
        Assert.Equal("", result.Stdout);
        Assert.Equal(
            $"peepshow-sink-databricks: POST /api/2.0/sql/statements (MERGE): HTTP 403: Invalid access token. DATABRICKS_TOKEN is invalid or expired, or its principal lacks CAN USE on SQL warehouse {WarehouseId}\n",
            result.Stderr);
        Assert.DoesNotContain("dapi-WRONG-0000-also-secret", result.Output);
    }

    [Fact(Timeout = 30000)]
    public async Task A_backend_that_echoes_the_token_in_its_error_gets_it_masked()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.Faults.Enqueue(HttpFault.Respond(400, $$"""{"error_code":"INVALID_PARAMETER_VALUE","message":"bad header: Bearer {{Token}}"}"""));

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Contains("HTTP 400 INVALID_PARAMETER_VALUE: bad header: Bearer ***", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task Rejected_credentials_401_fail_fast_with_a_clear_line()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.Faults.Enqueue(HttpFault.Respond(401, """{"error_code":"UNAUTHENTICATED","message":"Credential was not sent or was of an unsupported type for this API."}"""));

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal(1, databricks.Requests.Count);
        Assert.Equal(
            "peepshow-sink-databricks: POST /api/2.0/sql/statements (MERGE): HTTP 401 UNAUTHENTICATED: Credential was not sent or was of an unsupported type for this API. "
            + "Databricks did not accept the credentials: check DATABRICKS_TOKEN holds a personal access token or OAuth token for this workspace\n",
            result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_404_from_something_that_is_not_a_workspace_fails_fast_naming_the_URL_variable()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.Faults.Enqueue(HttpFault.Respond(404, "<html><body><pre>Not Found</pre></body></html>") with { ContentType = "text/html" });

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal(1, databricks.Requests.Count);
        Assert.Equal(
            "peepshow-sink-databricks: POST /api/2.0/sql/statements (MERGE): HTTP 404: Not Found. "
            + "Check DATABRICKS_URL is the workspace URL (https://<workspace-host>) and DATABRICKS_WAREHOUSE_ID names an existing SQL warehouse\n",
            result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_statement_that_vanished_while_polling_fails_fast_with_404()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.RunningPolls = 2;
        databricks.Faults.Enqueue(HttpFault.Respond(404, """{"error_code":"NOT_FOUND","message":"Statement not found."}""").For("GET", DatabricksDouble.ApiPath));

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        var id = databricks.Statements[0].Id;
        Assert.EndsWith($"GET /api/2.0/sql/statements/{id}: HTTP 404 NOT_FOUND: Statement not found. Statement {id} no longer exists on the server\n", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task An_unknown_warehouse_fails_fast_naming_the_warehouse_variable()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.WarehouseId, "0000000000000000"));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal(1, databricks.Requests.Count);
        Assert.Contains("HTTP 400 INVALID_PARAMETER_VALUE: Warehouse 0000000000000000 does not exist", result.Stderr);
        Assert.EndsWith("Check DATABRICKS_WAREHOUSE_ID\n", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task Nobody_listening_is_a_network_failure_with_exit_5()
    {
        var port = LoopbackServer.UnusedPort();
        var env = new Dictionary<string, string?>
        {
            [DatabricksEnv.Url] = $"http://127.0.0.1:{port}",
            [DatabricksEnv.Token] = Token,
            [DatabricksEnv.WarehouseId] = WarehouseId,
            [EnvNames.SinkRetryBaseMs] = "5",
            [EnvNames.SinkMaxAttempts] = "2",
        };

        var result = await RunAsync(Payloads.Json(RunPayloads.Full), env);

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Contains("POST /api/2.0/sql/statements (MERGE): network error", result.StderrLines[^1]);
        Assert.EndsWith("after 2 attempt(s)", result.StderrLines[^1]);
    }
}
