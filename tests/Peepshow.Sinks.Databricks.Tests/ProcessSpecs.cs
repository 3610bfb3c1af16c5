using System.Text;
using Peepshow.Protocol;
using Peepshow.Sinks.Databricks.Tests.Fixtures;
using Peepshow.Testing;
using static Peepshow.Sinks.Databricks.Tests.Fixtures.SinkRunner;

namespace Peepshow.Sinks.Databricks.Tests;

/// <summary>The real executable, across a real process boundary: exit code, the stdout line, the stderr line.</summary>
public sealed class ProcessSpecs
{
    private static async Task<SinkRun> RunProcessAsync(string stdin, IReadOnlyDictionary<string, string?> env)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "peepshow-sink-databricks.dll");
        var defined = env.Where(e => e.Value is not null).ToDictionary(e => e.Key, e => e.Value!);
        // Only the spec's settings: a DATABRICKS_* or PEEPSHOW_* variable of the machine running the specs must not leak in.
        var command = SinkRun.DotnetCommand(dll, env: defined, clearPrefixes: ["DATABRICKS_", "PEEPSHOW_"]);
        var result = await SinkRun.ProcessAsync(command, Encoding.UTF8.GetBytes(stdin), TestContext.Current.CancellationToken);
        AssertNoSecret(result, env.GetValueOrDefault(DatabricksEnv.Token));
        return result;
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_writes_the_row_and_prints_one_line()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunProcessAsync(Payloads.Json(RunPayloads.Full), Env(databricks));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"databricks: run {RunPayloads.RunId} -> main.default.peepshow_runs (statement {databricks.Statements[^1].Id}); created the table; {databricks.BaseUrl}/explore/data/main/default/peepshow_runs\n", result.Stdout);
        Assert.Single(databricks.Workspace.Rows("main.default.peepshow_runs"));
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_fails_with_exit_5_and_one_redacted_stderr_line()
    {
        await using var databricks = await StartDoubleAsync();
        const string wrong = "dapi-WRONG-process-token-xyz";

        var result = await RunProcessAsync(Payloads.Json(RunPayloads.Full), Env(databricks, (DatabricksEnv.Token, wrong)));

        Assert.Equal(SinkExitCodes.RemoteFailure, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("peepshow-sink-databricks: POST /api/2.0/sql/statements (MERGE): HTTP 403: Invalid access token.", line);
        Assert.DoesNotContain(wrong, result.Output());
    }

    [Fact(Timeout = 60000)]
    public async Task The_executable_refuses_a_token_with_a_line_break_with_exit_2_naming_only_the_variable()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunProcessAsync(Payloads.Json(RunPayloads.Full), Env(databricks, (DatabricksEnv.Token, Token + "\r\nX-Evil: 1")));

        Assert.Equal(SinkExitCodes.InvalidConfig, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.StartsWith("peepshow-sink-databricks: DATABRICKS_TOKEN contains a control character (carriage return)", line);
        AssertNoSecret(result, Token);
        Assert.Equal(0, databricks.Requests.Count);
    }
}
