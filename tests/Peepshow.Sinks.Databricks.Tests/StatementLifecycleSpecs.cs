using Peepshow.Protocol;
using Peepshow.Sinks.Databricks.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Databricks;
using Peepshow.Testing.Http;
using static Peepshow.Sinks.Databricks.Tests.Fixtures.DatabricksFixture;

namespace Peepshow.Sinks.Databricks.Tests;

public sealed class StatementLifecycleSpecs
{
    private const string Table = "main.default.peepshow_runs";

    private static async Task<DatabricksDouble> StartWithTableAsync()
    {
        var databricks = await StartDoubleAsync();
        var setup = await RunAsync(databricks, Payloads.Json(RunPayloads.Full with { RunId = "setup-run" }));
        Assert.Equal(0, setup.ExitCode);
        return databricks;
    }

    private static int Polls(DatabricksDouble databricks) => databricks.Requests.All.Count(r => r.Method == "GET");

    [Fact(Timeout = 30000)]
    public async Task A_statement_still_running_after_wait_timeout_is_polled_until_it_succeeds()
    {
        await using var databricks = await StartWithTableAsync();
        databricks.RunningPolls = 3;

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, Polls(databricks));
        Assert.Contains(databricks.Workspace.Rows(Table), r => Equals(r["run_id"], RunPayloads.RunId));
        Assert.Contains($"(statement {databricks.Statements[^1].Id})", result.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task An_asynchronous_wait_timeout_of_0s_starts_from_PENDING_and_polls_a_slow_statement_to_the_end()
    {
        await using var databricks = await StartWithTableAsync();
        databricks.ExecutionTime = TimeSpan.FromMilliseconds(400);

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.WaitTimeout, "0s"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, databricks.Statements[^1].WaitTimeoutSeconds);
        Assert.True(Polls(databricks) >= 2, $"polled {Polls(databricks)} times");
        Assert.Equal(2, databricks.Workspace.Rows(Table).Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_statement_that_outlives_the_deadline_is_canceled_and_the_sink_exits_5_saying_so()
    {
        await using var databricks = await StartWithTableAsync();
        databricks.ExecutionTime = TimeSpan.FromMinutes(5);

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.WaitTimeout, "0s"), (DatabricksEnv.StatementTimeoutSeconds, "1"));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        var id = databricks.Statements[^1].Id;
        Assert.Equal("CANCELED", databricks.StateOf(id));
        Assert.Contains(databricks.Requests.All, r => r.Method == "POST" && r.Path == $"{DatabricksDouble.ApiPath}/{id}/cancel");
        Assert.Single(databricks.Workspace.Rows(Table));
        var line = Assert.Single(result.StderrLines);
        Assert.Equal($"peepshow-sink-databricks: MERGE statement {id} was still RUNNING after 1 s (DATABRICKS_STATEMENT_TIMEOUT_SECONDS); asked Databricks to cancel it. "
            + $"Is SQL warehouse {WarehouseId} starting, stopped or overloaded?", line);
    }

    [Fact(Timeout = 30000)]
    public async Task A_FAILED_statement_exits_5_with_its_state_error_code_message_and_a_hint()
    {
        await using var databricks = await StartWithTableAsync();
        databricks.FailNextStatement(SqlError.InsufficientPermissions("MODIFY", "`main`.`default`.`peepshow_runs`"));

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("peepshow-sink-databricks: MERGE into main.default.peepshow_runs: FAILED: PERMISSION_DENIED [INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have MODIFY", line);
        Assert.Contains($"SQLSTATE: 42501 (statement {databricks.Statements[^1].Id}).", line);
        Assert.Contains("needs USE CATALOG, USE SCHEMA, SELECT and MODIFY", line);
        Assert.Single(databricks.Workspace.Rows(Table));
    }

    [Fact(Timeout = 30000)]
    public async Task The_SQLSTATE_is_named_once_even_when_the_message_leaves_it_out()
    {
        await using var databricks = await StartWithTableAsync();
        databricks.FailNextStatement(new SqlError("BAD_REQUEST", "[DELTA_TABLE_NOT_WRITABLE] table is read-only", "42000"));

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.EndsWith($"FAILED: BAD_REQUEST [DELTA_TABLE_NOT_WRITABLE] table is read-only (statement {databricks.Statements[^1].Id}, SQLSTATE 42000)\n", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_statement_canceled_by_someone_else_exits_5_with_CANCELED()
    {
        await using var databricks = await StartWithTableAsync();
        databricks.RunningPolls = 1;
        databricks.Faults.Enqueue(HttpFault.Respond(200, """{"statement_id":"01f0-someone-canceled","status":{"state":"CANCELED"}}""").For("GET", DatabricksDouble.ApiPath));

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Contains("peepshow-sink-databricks: MERGE into main.default.peepshow_runs: CANCELED (statement 01f0-someone-canceled)", result.Stderr);
        Assert.Contains("the run can be replayed", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_missing_schema_is_reported_with_the_variable_to_fix()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.Schema, "videos"));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Contains("peepshow-sink-databricks: CREATE TABLE main.videos.peepshow_runs: FAILED: BAD_REQUEST [SCHEMA_NOT_FOUND] The schema `main`.`videos` cannot be found.", result.Stderr);
        Assert.Contains("point DATABRICKS_SCHEMA at an existing one", result.Stderr);
        Assert.Empty(databricks.Workspace.TableNames);
    }

    [Fact(Timeout = 30000)]
    public async Task A_concurrent_append_conflict_reruns_the_MERGE_and_leaves_exactly_one_row()
    {
        await using var databricks = await StartWithTableAsync();
        databricks.FailNextStatement(SqlError.ConcurrentAppend("`main`.`default`.`peepshow_runs`"), DatabricksDouble.StartingWith("MERGE"), times: 2);
        var before = databricks.Statements.Count;

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, databricks.Workspace.Rows(Table).Count);
        Assert.Single(databricks.Workspace.Rows(Table), r => Equals(r["run_id"], RunPayloads.RunId));
        Assert.Equal(before + 3, databricks.Statements.Count);
        Assert.Contains("retry: MERGE hit a concurrent write (DELTA_CONCURRENT_APPEND.WITHOUT_HINT)", result.Stderr);
        Assert.DoesNotContain("already there", result.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task Conflicts_that_never_stop_give_up_after_the_attempt_budget()
    {
        await using var databricks = await StartWithTableAsync();
        databricks.FailNextStatement(SqlError.ConcurrentAppend("`main`.`default`.`peepshow_runs`"), DatabricksDouble.StartingWith("MERGE"), times: 10);
        var before = databricks.Statements.Count;

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (EnvNames.SinkMaxAttempts, "3"));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal(before + 3, databricks.Statements.Count);
        Assert.Contains("FAILED: ABORTED [DELTA_CONCURRENT_APPEND.WITHOUT_HINT]", result.Stderr);
        Assert.Contains("Other writers kept committing", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_table_created_meanwhile_by_another_run_is_not_a_problem()
    {
        await using var databricks = await StartDoubleAsync();
        var one = RunAsync(databricks, Payloads.Json(RunPayloads.Full with { RunId = "parallel-1" }));
        var two = RunAsync(databricks, Payloads.Json(RunPayloads.Full with { RunId = "parallel-2" }));

        var results = await Task.WhenAll(one, two);

        Assert.All(results, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(["parallel-1", "parallel-2"], databricks.Workspace.Rows(Table).Select(r => (string)r["run_id"]!).Order());
    }
}
