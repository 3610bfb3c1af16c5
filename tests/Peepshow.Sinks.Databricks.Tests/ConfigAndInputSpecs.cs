using Peepshow.Http;
using Peepshow.Protocol;
using Peepshow.Sinks.Common.Delivery;
using Peepshow.Sinks.Databricks.Tests.Fixtures;
using Peepshow.Testing;
using static Peepshow.Sinks.Databricks.Tests.Fixtures.DatabricksFixture;

namespace Peepshow.Sinks.Databricks.Tests;

public sealed class ConfigAndInputSpecs
{
    [Theory(Timeout = 30000)]
    [InlineData("DATABRICKS_URL")]
    [InlineData("DATABRICKS_TOKEN")]
    [InlineData("DATABRICKS_WAREHOUSE_ID")]
    public async Task A_missing_required_variable_exits_2_naming_it_before_any_request(string name)
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (name, null));

        Assert.Equal(SinkExitCodes.InvalidConfig, result.ExitCode);
        Assert.StartsWith($"peepshow-sink-databricks: {name} is not set (", result.Stderr);
        Assert.Equal(0, databricks.Requests.Count);
    }

    [Theory(Timeout = 30000)]
    [InlineData("DATABRICKS_CATALOG", "main.default")]
    [InlineData("DATABRICKS_SCHEMA", "a`b")]
    [InlineData("DATABRICKS_TABLE", "runs; DROP TABLE x")]
    [InlineData("DATABRICKS_TABLE", "my table")]
    [InlineData("DATABRICKS_TABLE", "-runs")]
    [InlineData("DATABRICKS_SCHEMA", "vidéos")]
    public async Task An_identifier_that_is_not_a_plain_name_exits_2_before_any_request(string name, string value)
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (name, value));

        Assert.Equal(SinkExitCodes.InvalidConfig, result.ExitCode);
        Assert.StartsWith($"peepshow-sink-databricks: {name} must be a plain name of letters, digits, '_' or '-'", result.Stderr);
        Assert.Equal(0, databricks.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_dotted_table_name_is_refused_with_a_pointer_to_the_separate_variables()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.Table, "main.media.runs"));

        Assert.Contains("set the parts separately with DATABRICKS_CATALOG, DATABRICKS_SCHEMA and DATABRICKS_TABLE", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_warehouse_HTTP_path_is_refused_with_the_id_it_contains()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.WarehouseId, "/sql/1.0/warehouses/abcdef1234567890"));

        Assert.Equal(SinkExitCodes.InvalidConfig, result.ExitCode);
        Assert.Contains("that looks like the HTTP path, the id is 'abcdef1234567890'", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task The_token_is_never_sent_over_plain_http_to_a_remote_host()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.Url, "http://adb-1234.azuredatabricks.net"));

        Assert.Equal(SinkExitCodes.InvalidConfig, result.ExitCode);
        Assert.Contains("DATABRICKS_URL is plain http to adb-1234.azuredatabricks.net", result.Stderr);
    }

    [Theory(Timeout = 30000)]
    [InlineData("30")]
    [InlineData("4s")]
    [InlineData("51s")]
    [InlineData("10m")]
    public async Task A_wait_timeout_the_API_would_reject_exits_2(string value)
    {
        await using var databricks = await StartDoubleAsync();
        var valid = value == "30";

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (DatabricksEnv.WaitTimeout, value));

        Assert.Equal(valid ? 0 : SinkExitCodes.InvalidConfig, result.ExitCode);
        if (!valid)
            Assert.Contains("DATABRICKS_WAIT_TIMEOUT must be 0s (asynchronous) or between 5s and 50s", result.Stderr);
    }

    [Theory]
    [InlineData(30, 60, 120, 30)]
    [InlineData(50, 60, 120, 50)]
    [InlineData(30, 20, 120, 10)]
    [InlineData(30, 14, 120, 0)]
    [InlineData(0, 60, 120, 0)]
    [InlineData(30, 60, 8, 8)]
    [InlineData(30, 60, 3, 0)]
    public void The_wait_timeout_stays_inside_the_HTTP_timeout_and_the_statement_deadline(int configured, int perAttemptSeconds, int deadlineSeconds, int expected)
    {
        Assert.Equal(expected, DatabricksConfig.EffectiveWaitTimeout(configured, TimeSpan.FromSeconds(perAttemptSeconds), TimeSpan.FromSeconds(deadlineSeconds)));
    }

    [Fact]
    public void The_workspace_URL_keeps_only_scheme_and_host_so_a_pasted_browser_URL_still_works()
    {
        var env = new Peepshow.Protocol.Hosting.SinkEnvironment(name => name switch
        {
            DatabricksEnv.Url => "https://adb-1234567890123456.7.azuredatabricks.net/sql/editor?o=1234567890123456",
            DatabricksEnv.Token => Token,
            DatabricksEnv.WarehouseId => WarehouseId,
            _ => null,
        });

        var config = DatabricksConfig.Read(env);

        Assert.Equal("https://adb-1234567890123456.7.azuredatabricks.net/", config.WorkspaceUrl.ToString());
        Assert.Equal(new TableName("main", "default", "peepshow_runs"), config.Table);
        Assert.Equal(RetryPolicy.Default.MaxAttempts, config.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(120), config.StatementTimeout);
    }

    [Theory(Timeout = 30000)]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"outputDir\": \"/tmp/x\"")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"strategy\": \"scene\", \"frames\": []}")]
    public async Task Malformed_stdin_exits_4_without_a_single_HTTP_request(string stdin)
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, stdin);

        Assert.Equal(SinkExitCodes.MalformedInput, result.ExitCode);
        Assert.StartsWith("peepshow-sink-databricks: stdin ", result.Stderr);
        Assert.Equal(0, databricks.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task Dry_run_prints_both_statements_with_their_parameters_and_sends_nothing()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(Payloads.Json(RunPayloads.Full), Env(databricks), "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, databricks.Requests.Count);
        Assert.Contains("MERGE INTO `main`.`default`.`peepshow_runs` AS t", result.Stdout);
        Assert.Contains("CREATE TABLE IF NOT EXISTS `main`.`default`.`peepshow_runs` (", result.Stdout);
        Assert.Contains($"#   :run_id        STRING     {RunPayloads.RunId}", result.Stdout);
        Assert.Contains("#   :frames        BIGINT     3", result.Stdout);
        Assert.Contains("#   :thumbnail_url STRING     NULL", result.Stdout);
        Assert.Contains($"POST {databricks.BaseUrl}/api/2.0/sql/statements", result.Stdout);
        Assert.Contains("Authorization: Bearer ***", result.Stdout);
        Assert.Contains("\"wait_timeout\":\"30s\",\"on_wait_timeout\":\"CONTINUE\"", result.Stdout);
        Assert.EndsWith($"databricks: dry run, nothing sent (run {RunPayloads.RunId} -> main.default.peepshow_runs)\n", result.Stdout);
    }

    [Theory(Timeout = 30000)]
    [InlineData(DatabricksEnv.Token, Token + "\r\nX-Evil: 1")]
    [InlineData(DatabricksEnv.Token, Token + "\n")]
    [InlineData(DatabricksEnv.Token, "\u001b[2J" + Token)]
    [InlineData(DatabricksEnv.WarehouseId, WarehouseId + "\r\nX-Evil: 1")]
    [InlineData(DatabricksEnv.Table, "runs\0")]
    public async Task A_value_with_a_control_character_is_exit_2_naming_the_variable_and_nothing_is_sent(string name, string value)
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full), (name, value));

        Assert.Equal(SinkExitCodes.InvalidConfig, result.ExitCode);
        Assert.StartsWith($"peepshow-sink-databricks: {name} contains a control character", result.Stderr);
        Assert.DoesNotContain("X-Evil", result.Output);
        SecretLeaks.AssertNone(result.Output, Token);
        Assert.Equal(0, databricks.Requests.Count);
    }

    [Theory(Timeout = 30000)]
    [InlineData("/")]
    [InlineData("/tmp/.")]
    public async Task A_payload_without_runId_whose_folder_has_no_name_is_exit_4_before_any_request(string outputDir)
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full with { RunId = null, OutputDir = outputDir }));

        Assert.Equal(SinkExitCodes.MalformedInput, result.ExitCode);
        Assert.StartsWith("peepshow-sink-databricks: the payload has no runId", result.Stderr);
        Assert.Equal(0, databricks.Requests.Count);
    }
}
