using Peepshow.Protocol;
using Peepshow.Protocol.Payload;
using Peepshow.Sinks.Databricks.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Databricks;
using static Peepshow.Sinks.Databricks.Tests.Fixtures.SinkRunner;

namespace Peepshow.Sinks.Databricks.Tests;

public sealed class DeliverySpecs
{
    private const string Table = "main.default.peepshow_runs";

    [Fact(Timeout = 30000)]
    public async Task A_run_becomes_one_row_with_every_column_typed_as_the_table_declares()
    {
        await using var databricks = await StartDoubleAsync();
        var tags = new Dictionary<string, string> { ["title"] = "Quarterly demo: señor café ☕", ["director"] = "Ana Lima", ["comment"] = "recorded on stage" };
        var payload = (RunPayloads.Full with { Video = RunPayloads.Full.Video! with { DurationSeconds = 42.375 } })
            .WithTags(tags)
            .WithTranscript("Welcome to the quarterly demo. Revenue is up; costs are down.");

        var result = await RunAsync(databricks, Payloads.Json(payload), (EnvNames.FrameBaseUrl, "https://cdn.example.com/runs/q4/"));

        Assert.Equal(0, result.ExitCode);
        var row = Assert.Single(databricks.Workspace.Rows(Table));
        Assert.Equal(RunPayloads.RunId, row["run_id"]);
        Assert.Equal("Quarterly demo: señor café ☕", row["title"]);
        Assert.Equal(3L, row["frames"]);
        Assert.Equal(42.375, row["duration"]);
        Assert.Equal("Welcome to the quarterly demo. Revenue is up; costs are down.", row["transcript"]);
        Assert.Equal("https://cdn.example.com/runs/q4/frame_0001.jpg", row["thumbnail_url"]);
        Assert.Equal("scene", row["strategy"]);
        Assert.Equal("{\"title\":\"Quarterly demo: señor café ☕\",\"director\":\"Ana Lima\",\"comment\":\"recorded on stage\"}", row["tags"]);
        Assert.Equal(RunPayloads.CreatedAt, row["created_at"]);
    }

    [Fact(Timeout = 30000)]
    public async Task Success_prints_one_stdout_line_naming_the_run_the_table_and_the_statement()
    {
        await using var databricks = await StartDoubleAsync();

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        var merge = databricks.Statements[^1];
        Assert.Equal($"databricks: run {RunPayloads.RunId} -> {Table} (statement {merge.Id}); created the table; {databricks.BaseUrl}/explore/data/main/default/peepshow_runs\n", result.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task The_success_line_ends_with_the_tables_Catalog_Explorer_page_built_from_the_workspace_URL_and_the_env_names()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.Workspace.AddSchema("dev-lake", "media_2026");
        // DATABRICKS_URL is often pasted with a path or a trailing slash; the link is always at the workspace root.
        var workspace = new Uri(databricks.BaseUrl);

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full),
            (DatabricksEnv.Url, databricks.BaseUrl + "/sql/editor/"),
            (DatabricksEnv.Catalog, "dev-lake"), (DatabricksEnv.Schema, "media_2026"), (DatabricksEnv.Table, "runs"));
        var again = await RunAsync(databricks, Payloads.Json(RunPayloads.Full),
            (DatabricksEnv.Catalog, "dev-lake"), (DatabricksEnv.Schema, "media_2026"), (DatabricksEnv.Table, "runs"));

        var link = $"http://{workspace.Authority}/explore/data/dev-lake/media_2026/runs";
        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith($"(statement {databricks.Statements[^2].Id}); created the table; {link}\n", result.Stdout);
        Assert.Equal($"databricks: run {RunPayloads.RunId} -> dev-lake.media_2026.runs (statement {databricks.Statements[^1].Id}); the row was already there, left as is; {link}\n", again.Stdout);
        Assert.Single(databricks.Workspace.Rows("dev-lake.media_2026.runs"));
    }

    [Fact(Timeout = 30000)]
    public async Task The_first_write_creates_the_table_with_the_documented_types_and_later_writes_do_not()
    {
        await using var databricks = await StartDoubleAsync();

        var first = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));
        var firstStatements = databricks.Statements.Select(Kind).ToArray();
        var second = await RunAsync(databricks, Payloads.Json(RunPayloads.Full with { RunId = "20261121T000000000-second" }));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(["MERGE", "CREATE", "MERGE"], firstStatements);
        Assert.Equal(["MERGE", "CREATE", "MERGE", "MERGE"], databricks.Statements.Select(Kind));
        Assert.DoesNotContain("created the table", second.Stdout);
        var table = databricks.Workspace.FindTable(Table)!;
        Assert.Equal("DELTA", table.Format);
        Assert.Equal(
            ["run_id STRING", "title STRING", "frames BIGINT", "duration DOUBLE", "transcript STRING", "thumbnail_url STRING", "strategy STRING", "tags STRING", "created_at TIMESTAMP"],
            table.Columns.Select(c => $"{c.Name} {SqlTypes.Name(c.Type)}"));
        Assert.True(table.Column("run_id")!.NotNull);
        Assert.Equal(2, databricks.Workspace.Rows(Table).Count);
    }

    [Fact(Timeout = 30000)]
    public async Task Steady_state_costs_exactly_one_HTTP_request_per_run()
    {
        await using var databricks = await StartDoubleAsync();
        await RunAsync(databricks, Payloads.Json(RunPayloads.Full));
        var before = databricks.Requests.Count;

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full with { RunId = "20261121T000000000-steady" }));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(before + 1, databricks.Requests.Count);
    }

    [Fact(Timeout = 30000)]
    public async Task A_replayed_run_leaves_one_row_and_says_it_was_already_there()
    {
        await using var databricks = await StartDoubleAsync();
        var payload = Payloads.Json(RunPayloads.Full);

        var first = await RunAsync(databricks, payload);
        var replay = await RunAsync(databricks, payload);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, replay.ExitCode);
        Assert.Single(databricks.Workspace.Rows(Table));
        Assert.StartsWith($"databricks: run {RunPayloads.RunId} -> {Table} (statement ", replay.Stdout);
        Assert.Contains("already there", replay.Stdout);
        Assert.DoesNotContain("already there", first.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task The_original_peepshow_example_without_runId_is_stored_under_its_run_folder_name()
    {
        await using var databricks = await StartDoubleAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var result = await RunAsync(databricks, Payloads.OriginalExample());

        Assert.Equal(0, result.ExitCode);
        var row = Assert.Single(databricks.Workspace.Rows(Table));
        Assert.Equal("peepshow-abc123", row["run_id"]);
        Assert.Equal("The Heist", row["title"]);
        Assert.Equal(1L, row["frames"]);
        Assert.Equal(12.5, row["duration"]);
        Assert.Equal("...", row["transcript"]);
        Assert.Null(row["thumbnail_url"]);
        Assert.Equal("{\"title\":\"The Heist\",\"director\":\"Kubrick\"}", row["tags"]);
        // No createdAt in the payload: the sink stamps the time it ran.
        Assert.InRange((DateTimeOffset)row["created_at"]!, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.StartsWith("databricks: run peepshow-abc123 -> main.default.peepshow_runs (statement ", result.Stdout);
    }

    [Fact(Timeout = 30000)]
    public async Task A_title_and_tags_full_of_quotes_semicolons_and_SQL_keywords_are_stored_verbatim()
    {
        await using var databricks = await StartDoubleAsync();
        const string title = "Robert'); DROP TABLE peepshow_runs; -- \"quoted\" `ticked` \\ :run_id /* x */";
        var tags = new Dictionary<string, string>
        {
            ["title"] = title,
            ["comment"] = "'; DELETE FROM main.default.peepshow_runs WHERE '1'='1",
            ["keywords"] = "MERGE INTO t USING s ON 1=1 WHEN NOT MATCHED THEN INSERT *;",
        };

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full.WithTags(tags)));

        Assert.Equal(0, result.ExitCode);
        var row = Assert.Single(databricks.Workspace.Rows(Table));
        Assert.Equal(title, row["title"]);
        Assert.Equal(ProtocolJson.SerializeTags(tags), row["tags"]);
        Assert.All(databricks.Statements, s => Assert.DoesNotContain("DROP TABLE", s.Sql));
    }

    [Fact(Timeout = 30000)]
    public async Task Every_value_travels_as_a_named_typed_parameter_and_never_as_SQL_text()
    {
        await using var databricks = await StartDoubleAsync();

        await RunAsync(databricks, Payloads.Json(RunPayloads.Full.WithTitle("Quarterly demo: señor café ☕")));

        var merge = databricks.Statements[^1];
        Assert.Equal(
            ["run_id STRING", "title STRING", "frames BIGINT", "duration DOUBLE", "transcript STRING", "thumbnail_url STRING", "strategy STRING", "tags STRING", "created_at TIMESTAMP"],
            merge.Parameters.Select(p => $"{p.Name} {p.Type}"));
        Assert.DoesNotContain(RunPayloads.RunId, merge.Sql);
        Assert.DoesNotContain("Quarterly", merge.Sql);
        Assert.Contains("MERGE INTO `main`.`default`.`peepshow_runs` AS t", merge.Sql);
        Assert.Contains("WHEN NOT MATCHED THEN INSERT *", merge.Sql);
        Assert.Equal(("main", "default", 30, "CONTINUE"), (merge.Catalog, merge.Schema, merge.WaitTimeoutSeconds, merge.OnWaitTimeout));
        var create = databricks.Statements.Single(s => Kind(s) == "CREATE");
        Assert.Empty(create.Parameters);
    }

    [Fact(Timeout = 30000)]
    public async Task Missing_values_are_sent_without_a_value_and_stored_as_NULL()
    {
        await using var databricks = await StartDoubleAsync();
        var payload = RunPayloads.Full with { Audio = null, Video = RunPayloads.Full.Video! with { DurationSeconds = null } };

        var result = await RunAsync(databricks, Payloads.Json(payload));

        Assert.Equal(0, result.ExitCode);
        var row = Assert.Single(databricks.Workspace.Rows(Table));
        Assert.Null(row["transcript"]);
        Assert.Null(row["thumbnail_url"]);
        Assert.Equal(0.0, row["duration"]);
        var transcript = databricks.Statements[^1].Parameters.Single(p => p.Name == "transcript");
        Assert.Equal(("STRING", null), (transcript.Type, transcript.Value));
    }

    [Fact(Timeout = 30000)]
    public async Task Catalog_schema_and_table_come_from_env_and_hyphenated_names_are_quoted()
    {
        await using var databricks = await StartDoubleAsync();
        databricks.Workspace.AddSchema("dev-lake", "media_2026");

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full),
            (DatabricksEnv.Catalog, "dev-lake"), (DatabricksEnv.Schema, "media_2026"), (DatabricksEnv.Table, "select"));

        Assert.Equal(0, result.ExitCode);
        Assert.Single(databricks.Workspace.Rows("dev-lake.media_2026.select"));
        Assert.Empty(databricks.Workspace.Rows(Table));
        Assert.Contains("-> dev-lake.media_2026.select (statement ", result.Stdout);
        Assert.Contains("`dev-lake`.`media_2026`.`select`", databricks.Statements[0].Sql);
    }

    [Fact(Timeout = 30000)]
    public async Task A_table_created_by_hand_with_extra_columns_gets_the_row_with_those_left_NULL()
    {
        await using var databricks = await StartDoubleAsync();
        TableColumn[] columns =
        [
            new("run_id", SqlType.String, true, null), new("title", SqlType.String, false, null), new("frames", SqlType.BigInt, false, null),
            new("duration", SqlType.Double, false, null), new("transcript", SqlType.String, false, null), new("thumbnail_url", SqlType.String, false, null),
            new("strategy", SqlType.String, false, null), new("tags", SqlType.String, false, null), new("created_at", SqlType.Timestamp, false, null),
            new("reviewed_by", SqlType.String, false, "filled in later by an analyst"),
        ];
        databricks.Workspace.CreateTable(Table, columns);

        var result = await RunAsync(databricks, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("created the table", result.Stdout);
        Assert.Single(databricks.Statements);
        var row = Assert.Single(databricks.Workspace.Rows(Table));
        Assert.Equal(RunPayloads.RunId, row["run_id"]);
        Assert.Null(row["reviewed_by"]);
    }

    [Fact(Timeout = 30000)]
    public async Task A_transcript_over_1_MiB_is_capped_before_it_is_sent()
    {
        await using var databricks = await StartDoubleAsync();
        var huge = string.Concat(Enumerable.Repeat("é", 700_000));
        var payload = RunPayloads.Full.WithTranscript(huge);

        var result = await RunAsync(databricks, Payloads.Json(payload));

        Assert.Equal(0, result.ExitCode);
        var stored = (string)Assert.Single(databricks.Workspace.Rows(Table))["transcript"]!;
        Assert.Equal(524_288, stored.Length);
    }

    private static string Kind(SubmittedStatement statement) => statement.Sql.TrimStart().Split(' ')[0];
}
