namespace Peepshow.Sinks.Databricks.Tests;

public sealed class ResponseParsingSpecs
{
    [Fact]
    public void A_succeeded_MERGE_reports_its_inserted_rows_by_column_name()
    {
        const string body = """
            {"statement_id":"01ef-1","status":{"state":"SUCCEEDED"},
             "manifest":{"format":"JSON_ARRAY","schema":{"column_count":4,"columns":[
               {"name":"num_affected_rows","position":0,"type_name":"LONG","type_text":"BIGINT"},
               {"name":"num_updated_rows","position":1,"type_name":"LONG","type_text":"BIGINT"},
               {"name":"num_deleted_rows","position":2,"type_name":"LONG","type_text":"BIGINT"},
               {"name":"num_inserted_rows","position":3,"type_name":"LONG","type_text":"BIGINT"}]},
               "total_chunk_count":1,"chunks":[{"chunk_index":0,"row_offset":0,"row_count":1}],"total_row_count":1,"truncated":false},
             "result":{"chunk_index":0,"row_offset":0,"row_count":1,"data_array":[["0","0","0","0"]]}}
            """;

        var status = StatementResponses.Parse(body)!;

        Assert.Equal(new StatementStatus("01ef-1", StatementState.Succeeded, InsertedRows: 0), status);
        Assert.True(status.IsTerminal);
    }

    [Fact]
    public void A_succeeded_statement_without_metrics_has_no_inserted_count()
    {
        var status = StatementResponses.Parse("""{"statement_id":"01ef-2","status":{"state":"SUCCEEDED"},"manifest":{"schema":{"column_count":0}}}""")!;

        Assert.Null(status.InsertedRows);
    }

    [Fact]
    public void A_missing_table_is_recognised_by_its_error_condition_or_its_SQLSTATE()
    {
        var bySqlState = StatementResponses.Parse("""
            {"statement_id":"01ef-3","status":{"state":"FAILED","sql_state":"42P01",
             "error":{"error_code":"BAD_REQUEST","message":"[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`video`.`runs` cannot be found."}}}
            """)!;
        var byCondition = bySqlState with { SqlState = null };
        var other = bySqlState with { SqlState = "42501", Message = "[INSUFFICIENT_PERMISSIONS] no" };

        Assert.Equal(("BAD_REQUEST", "TABLE_OR_VIEW_NOT_FOUND"), (bySqlState.ErrorCode, bySqlState.ErrorClass));
        Assert.True(bySqlState.IsTableMissing);
        Assert.True(byCondition.IsTableMissing);
        Assert.False(other.IsTableMissing);
        Assert.False(bySqlState.IsWriteConflict);
    }

    [Theory]
    [InlineData("[DELTA_CONCURRENT_APPEND.ROW_LEVEL_CHANGES] Transaction conflict detected.", null)]
    [InlineData("[DELTA_CONCURRENT_DELETE_READ] conflict", null)]
    [InlineData("[DELTA_METADATA_CHANGED] conflict", null)]
    [InlineData("io.delta.exceptions.ConcurrentAppendException: Files were added", null)]
    [InlineData("conflict", "2D521")]
    public void A_Delta_write_conflict_is_recognised_in_each_form_it_takes(string message, string? sqlState)
    {
        var status = new StatementStatus("id", StatementState.Failed, "ABORTED", message, sqlState);

        Assert.True(status.IsWriteConflict);
        Assert.False(status with { State = StatementState.Succeeded } is { IsWriteConflict: true });
    }

    [Theory]
    [InlineData("PENDING", false)]
    [InlineData("RUNNING", false)]
    [InlineData("SUCCEEDED", true)]
    [InlineData("FAILED", true)]
    [InlineData("CANCELED", true)]
    [InlineData("CLOSED", true)]
    public void Every_documented_state_is_read(string state, bool terminal)
    {
        var status = StatementResponses.Parse($$$"""{"statement_id":"x","status":{"state":"{{{state}}}"}}""")!;

        Assert.Equal((state, terminal), (status.StateName, status.IsTerminal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>gateway</html>")]
    [InlineData("{\"status\":{\"state\":\"RUNNING\"}}")]
    [InlineData("{\"statement_id\":\"x\",\"status\":{\"state\":\"EXPLODED\"}}")]
    public void A_body_that_is_not_a_statement_response_is_not_mistaken_for_one(string body)
    {
        Assert.Null(StatementResponses.Parse(body));
    }

    [Fact]
    public void The_failure_text_follows_the_SDKs_state_code_message_form_on_one_line()
    {
        var status = new StatementStatus("id", StatementState.Failed, "BAD_REQUEST", "[PARSE_SYNTAX_ERROR] Syntax error\nat or near ';'.");

        Assert.Equal("FAILED: BAD_REQUEST [PARSE_SYNTAX_ERROR] Syntax error at or near ';'.", status.Describe());
        Assert.Equal("CANCELED", new StatementStatus("id", StatementState.Canceled).Describe());
    }

    [Fact]
    public void A_403_whose_error_code_is_a_number_parses()
    {
        var error = ApiError.Parse(403, "Forbidden", """{"error_code":403,"message":"Invalid access token."}""");

        Assert.Equal(new ApiError(403, "403", "Invalid access token."), error);
        Assert.Equal("HTTP 403: Invalid access token.", error.ToString());
    }

    [Theory]
    [InlineData(400, """{"error_code":"INVALID_PARAMETER_VALUE","message":"bad wait_timeout","details":[{"@type":"type.googleapis.com/google.rpc.RequestInfo","request_id":"r-1"}]}""", "HTTP 400 INVALID_PARAMETER_VALUE: bad wait_timeout")]
    [InlineData(503, "", "HTTP 503: Service Unavailable")]
    [InlineData(429, "REQUEST_LIMIT_EXCEEDED: slow down", "HTTP 429 REQUEST_LIMIT_EXCEEDED: slow down")]
    [InlineData(502, "<html><body><pre>upstream &amp; gateway failed</pre></body></html>", "HTTP 502: upstream & gateway failed")]
    [InlineData(500, "{\"error_code\": \"INTERNAL_ERROR\"}", "HTTP 500 INTERNAL_ERROR: Service Unavailable")]
    [InlineData(418, "teapot says no", "HTTP 418: teapot says no")]
    public void Every_error_body_shape_the_SDKs_tolerate_becomes_one_clear_line(int status, string body, string expected)
    {
        Assert.Equal(expected, ApiError.Parse(status, "Service Unavailable", body).ToString());
    }
}
