using System.Text.Json;
using Peepshow.Http;
using Peepshow.Protocol.Rows;
using Peepshow.Sinks.Common.Delivery;

namespace Peepshow.Sinks.Databricks.Tests;

public sealed class StatementBuildingSpecs
{
    private static readonly StandardRow Row = new("run-1", "It's \"fine\"", 3, 0.1 + 0.2, null, "https://cdn/x/frame_0001.jpg", "fps", "{}", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)));

    private static DatabricksConfig Config(int wait = 30) => new(
        new Uri("https://adb-1.azuredatabricks.net"), "tok", "wh1", new TableName("main", "default", "peepshow_runs"), null, wait, TimeSpan.FromSeconds(120), RetryPolicy.Default);

    [Fact]
    public void The_table_columns_are_the_standard_row_in_order()
    {
        Assert.Equal(StandardRow.Columns, Statements.Schema.Select(c => c.Name));
    }

    [Fact]
    public void Parameter_values_are_invariant_text_that_casts_back_exactly()
    {
        var parameters = Statements.Parameters(Row).ToDictionary(p => p.Name);

        Assert.Equal("3", parameters["frames"].Value);
        Assert.Equal("0.30000000000000004", parameters["duration"].Value);
        Assert.Equal("2026-01-02T01:04:05.678Z", parameters["created_at"].Value);
        Assert.Null(parameters["transcript"].Value);
        Assert.Equal("It's \"fine\"", parameters["title"].Value);
    }

    [Fact]
    public void The_request_body_carries_the_documented_fields_and_omits_null_values()
    {
        using var body = JsonDocument.Parse(Statements.Body(Statements.Merge(Config().Table, Row), Config(wait: 0)));
        var root = body.RootElement;

        Assert.Equal("wh1", root.GetProperty("warehouse_id").GetString());
        Assert.Equal("main", root.GetProperty("catalog").GetString());
        Assert.Equal("default", root.GetProperty("schema").GetString());
        Assert.Equal("0s", root.GetProperty("wait_timeout").GetString());
        Assert.Equal("CONTINUE", root.GetProperty("on_wait_timeout").GetString());
        var transcript = root.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "transcript");
        Assert.False(transcript.TryGetProperty("value", out _));
        Assert.Equal("STRING", transcript.GetProperty("type").GetString());
    }

    [Fact]
    public void The_DDL_is_literal_and_declares_the_anchor_types()
    {
        var create = Statements.CreateTable(new TableName("dev-lake", "media", "runs"));

        Assert.Empty(create.Parameters);
        Assert.DoesNotContain(':', create.Sql);
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS `dev-lake`.`media`.`runs` (\n  run_id STRING NOT NULL,\n  title STRING,\n  frames BIGINT,\n  duration DOUBLE,", create.Sql);
        Assert.Contains("  created_at TIMESTAMP\n) USING DELTA", create.Sql);
    }
}
