using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Peepshow.Testing.Doubles.Databricks;
using static Peepshow.Sinks.Databricks.Tests.Fixtures.SinkRunner;

namespace Peepshow.Sinks.Databricks.Tests;

/// <summary>The double must hold the sink to Databricks' real rules (docs/sinks/databricks.md), so its rules are specified too.</summary>
public sealed class DoubleSpecs
{
    private const string Create = "CREATE TABLE IF NOT EXISTS t (run_id STRING NOT NULL, frames BIGINT, at TIMESTAMP) USING DELTA";
    private const string Merge = "MERGE INTO t AS t USING (SELECT :id AS run_id, :n AS frames, :at AS at) AS s ON t.run_id = s.run_id WHEN NOT MATCHED THEN INSERT *";

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(DatabricksDouble databricks, HttpMethod method, string path, object? body = null, string? token = Token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, databricks.BaseUrl + path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = new StringContent(body is string s ? s : ((JsonNode)body).ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone());
    }

    private static JsonObject Statement(string sql, string wait = "10s", params (string Name, string? Type, string? Value)[] parameters)
    {
        var list = new JsonArray();
        foreach (var (name, type, value) in parameters)
        {
            var p = new JsonObject { ["name"] = name };
            if (type is not null)
                p["type"] = type;
            if (value is not null)
                p["value"] = value;
            list.Add(p);
        }
        return new JsonObject { ["warehouse_id"] = WarehouseId, ["statement"] = sql, ["wait_timeout"] = wait, ["parameters"] = list };
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> ExecuteAsync(DatabricksDouble databricks, JsonObject statement) =>
        SendAsync(databricks, HttpMethod.Post, DatabricksDouble.ApiPath, statement);

    private static string State(JsonElement body) => body.GetProperty("status").GetProperty("state").GetString()!;

    private static string ErrorMessage(JsonElement body) => body.GetProperty("status").GetProperty("error").GetProperty("message").GetString()!;

    [Fact(Timeout = 30000)]
    public async Task Missing_credentials_get_401_and_a_wrong_token_gets_the_numeric_403()
    {
        await using var databricks = await StartDoubleAsync();

        var missing = await SendAsync(databricks, HttpMethod.Post, DatabricksDouble.ApiPath, Statement(Create), token: null);
        var wrong = await SendAsync(databricks, HttpMethod.Post, DatabricksDouble.ApiPath, Statement(Create), token: "nope");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("UNAUTHENTICATED", missing.Body.GetProperty("error_code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        Assert.Equal(JsonValueKind.Number, wrong.Body.GetProperty("error_code").ValueKind);
        Assert.Equal("Invalid access token.", wrong.Body.GetProperty("message").GetString());
        Assert.Empty(databricks.Statements);
    }

    [Theory(Timeout = 30000)]
    [InlineData("""{"warehouse_id":"abcdef1234567890"}""", "statement is required")]
    [InlineData("""{"statement":"SELECT 1"}""", "warehouse_id is required")]
    [InlineData("""{"statement":"SELECT 1","warehouse_id":"abcdef1234567890","wait_timeout":"3s"}""", "wait_timeout must be 0s or between 5s and 50s")]
    [InlineData("""{"statement":"SELECT 1","warehouse_id":"abcdef1234567890","on_wait_timeout":"WAIT"}""", "on_wait_timeout must be CONTINUE or CANCEL")]
    [InlineData("""{"statement":"SELECT :a","warehouse_id":"abcdef1234567890","parameters":[{"name":"a","type":"ARRAY<STRING>","value":"[]"}]}""", "ARRAY, MAP and STRUCT are not supported")]
    public async Task A_request_the_API_would_reject_gets_400_INVALID_PARAMETER_VALUE(string body, string message)
    {
        await using var databricks = await StartDoubleAsync();

        var (status, error) = await SendAsync(databricks, HttpMethod.Post, DatabricksDouble.ApiPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.GetProperty("error_code").GetString());
        Assert.Contains(message, error.GetProperty("message").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task A_parameter_value_that_is_not_a_string_is_a_malformed_request()
    {
        await using var databricks = await StartDoubleAsync();

        var (status, error) = await SendAsync(databricks, HttpMethod.Post, DatabricksDouble.ApiPath,
            """{"statement":"SELECT :n","warehouse_id":"abcdef1234567890","parameters":[{"name":"n","type":"BIGINT","value":3}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MALFORMED_REQUEST", error.GetProperty("error_code").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task Two_statements_separated_by_a_semicolon_FAIL_as_a_syntax_error_with_HTTP_200()
    {
        await using var databricks = await StartDoubleAsync();

        var (status, body) = await ExecuteAsync(databricks, Statement(Create + "; " + Merge, parameters: [("id", null, "r"), ("n", "BIGINT", "1"), ("at", "TIMESTAMP", "2026-01-01")]));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("FAILED", State(body));
        Assert.Equal("42601", body.GetProperty("status").GetProperty("sql_state").GetString());
        Assert.StartsWith("[PARSE_SYNTAX_ERROR] Syntax error at or near 'MERGE': extra input 'MERGE'.", ErrorMessage(body));
        Assert.Empty(databricks.Workspace.TableNames);
    }

    [Fact(Timeout = 30000)]
    public async Task A_semicolon_inside_a_string_literal_or_a_trailing_one_is_fine()
    {
        await using var databricks = await StartDoubleAsync();
        await ExecuteAsync(databricks, Statement(Create));

        var (_, body) = await ExecuteAsync(databricks, Statement(
            "MERGE INTO t USING (SELECT 'a;b' AS run_id, 1 AS frames, NULL AS at) AS s ON t.run_id = s.run_id WHEN NOT MATCHED THEN INSERT (run_id, frames) VALUES (s.run_id, s.frames);"));

        Assert.Equal("SUCCEEDED", State(body));
        Assert.Equal("a;b", databricks.Workspace.Rows("main.default.t")[0]["run_id"]);
    }

    [Fact(Timeout = 30000)]
    public async Task An_unbound_parameter_marker_FAILS_with_UNBOUND_SQL_PARAMETER()
    {
        await using var databricks = await StartDoubleAsync();
        await ExecuteAsync(databricks, Statement(Create));

        var (_, body) = await ExecuteAsync(databricks, Statement(Merge, parameters: [("id", null, "r"), ("n", "BIGINT", "1")]));

        Assert.Equal("FAILED", State(body));
        Assert.StartsWith("[UNBOUND_SQL_PARAMETER] Found the unbound parameter: at.", ErrorMessage(body));
    }

    [Fact(Timeout = 30000)]
    public async Task A_value_that_does_not_cast_to_its_declared_type_FAILS_like_ANSI_SQL()
    {
        await using var databricks = await StartDoubleAsync();
        await ExecuteAsync(databricks, Statement(Create));

        var (_, body) = await ExecuteAsync(databricks, Statement(Merge, parameters: [("id", null, "r"), ("n", "BIGINT", "3.5"), ("at", "TIMESTAMP", "2026-01-01T00:00:00Z")]));

        Assert.Equal("FAILED", State(body));
        Assert.StartsWith("[CAST_INVALID_INPUT] The value '3.5' of the type \"STRING\" cannot be cast to \"BIGINT\"", ErrorMessage(body));
        Assert.Empty(databricks.Workspace.Rows("main.default.t"));
    }

    [Fact(Timeout = 30000)]
    public async Task MERGE_stores_typed_values_and_inserts_a_run_only_once()
    {
        await using var databricks = await StartDoubleAsync();
        await ExecuteAsync(databricks, Statement(Create));
        var merge = Statement(Merge, parameters: [("id", null, "r-1"), ("n", "BIGINT", " 42 "), ("at", "TIMESTAMP", "2026-03-04 05:06:07.123456+02:00")]);

        var (_, first) = await ExecuteAsync(databricks, merge);
        var (_, second) = await ExecuteAsync(databricks, merge.DeepClone().AsObject());

        Assert.Equal("""[["1","0","0","1"]]""", first.GetProperty("result").GetProperty("data_array").GetRawText());
        Assert.Equal("""[["0","0","0","0"]]""", second.GetProperty("result").GetProperty("data_array").GetRawText());
        var row = Assert.Single(databricks.Workspace.Rows("main.default.t"));
        Assert.Equal(42L, row["frames"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 3, 6, 7, TimeSpan.Zero).AddTicks(1_234_560), row["at"]);
    }

    [Fact(Timeout = 30000)]
    public async Task MERGE_into_a_missing_table_FAILS_with_TABLE_OR_VIEW_NOT_FOUND_and_42P01()
    {
        await using var databricks = await StartDoubleAsync();

        var (_, body) = await ExecuteAsync(databricks, Statement(Merge, parameters: [("id", null, "r"), ("n", "BIGINT", "1"), ("at", "TIMESTAMP", "2026-01-01")]));

        Assert.Equal("FAILED", State(body));
        Assert.Equal("42P01", body.GetProperty("status").GetProperty("sql_state").GetString());
        Assert.StartsWith("[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`default`.`t` cannot be found.", ErrorMessage(body));
    }

    [Fact(Timeout = 30000)]
    public async Task A_wait_timeout_of_0s_answers_PENDING_then_RUNNING_polls_then_the_result()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.RunningPolls = 2;

        var (_, submitted) = await ExecuteAsync(databricks, Statement(Create, wait: "0s"));
        var id = submitted.GetProperty("statement_id").GetString()!;
        var states = new List<string> { State(submitted) };
        for (var i = 0; i < 3; i++)
            states.Add(State((await SendAsync(databricks, HttpMethod.Get, $"{DatabricksDouble.ApiPath}/{id}")).Body));

        Assert.Equal(["PENDING", "RUNNING", "RUNNING", "SUCCEEDED"], states);
        Assert.Equal(["main.default.t"], databricks.Workspace.TableNames);
    }

    [Fact(Timeout = 30000)]
    public async Task A_canceled_statement_never_executes_and_an_unknown_one_is_404()
    {
        await using var databricks = await StartDoubleAsync();
        var (_, submitted) = await ExecuteAsync(databricks, Statement(Create, wait: "0s"));
        var id = submitted.GetProperty("statement_id").GetString()!;

        var cancel = await SendAsync(databricks, HttpMethod.Post, $"{DatabricksDouble.ApiPath}/{id}/cancel", "{}");
        var after = await SendAsync(databricks, HttpMethod.Get, $"{DatabricksDouble.ApiPath}/{id}");
        var unknown = await SendAsync(databricks, HttpMethod.Get, $"{DatabricksDouble.ApiPath}/01f0-nope");

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal("CANCELED", State(after.Body));
        Assert.Empty(databricks.Workspace.TableNames);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("NOT_FOUND", unknown.Body.GetProperty("error_code").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task On_wait_timeout_CANCEL_cancels_a_statement_that_outlives_the_wait()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.RunningPolls = 1;
        var statement = Statement(Create);
        statement["on_wait_timeout"] = "CANCEL";

        var (_, body) = await ExecuteAsync(databricks, statement);

        Assert.Equal("CANCELED", State(body));
        Assert.Empty(databricks.Workspace.TableNames);
    }
}
