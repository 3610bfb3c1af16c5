using System.Text.Json;
using Peepshow.Protocol;
using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Sinks.Cassandra.Tests;

public sealed class DeliverySpecs
{
    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2)]
    [InlineData(StargateFlavour.V1)]
    public async Task A_run_becomes_one_row_whose_every_column_reads_back_through_GET(StargateFlavour flavour)
    {
        await using var stargate = await Sink.StargateAsync(flavour);
        var env = Sink.Env(stargate);
        env["PEEPSHOW_FRAME_BASE_URL"] = "https://cdn.example.com/runs/heist/";
        var payload = RunPayloads.Full with { Video = RunPayloads.Full.Video! with { DurationSeconds = 42.5 } };

        var result = await Sink.RunAsync(env, Payloads.Json(payload));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, stargate.RowCount(Sink.Keyspace, Sink.Table));
        var row = await Sink.GetRowAsync(stargate, RunPayloads.RunId);
        Assert.Equal(RunPayloads.RunId, row.GetProperty("run_id").GetString());
        Assert.Equal("The Heist (trailer)", row.GetProperty("title").GetString());
        Assert.Equal(3, Number(row.GetProperty("frames")));
        Assert.Equal(42.5, Number(row.GetProperty("duration")));
        Assert.Equal(" Previously, on the heist. Nobody's leaving this room.", row.GetProperty("transcript").GetString());
        Assert.Equal("https://cdn.example.com/runs/heist/frame_0001.jpg", row.GetProperty("thumbnail_url").GetString());
        Assert.Equal("scene", row.GetProperty("strategy").GetString());
        Assert.Equivalent(payload.Video!.Tags, JsonSerializer.Deserialize(row.GetProperty("tags").GetString()!, ProtocolJson.Context.DictionaryStringString), strict: true);
        Assert.Equal("2026-11-20T23:59:59.123Z", row.GetProperty("created_at").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task Success_prints_exactly_one_line_with_the_rows_REST_address()
    {
        await using var stargate = await Sink.StargateAsync();

        var result = await Sink.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"cassandra: run {RunPayloads.RunId} -> {stargate.BaseUrl}/v2/keyspaces/peepshow/peepshow_runs/{RunPayloads.RunId}\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(1, stargate.RequestCount);
    }

    [Fact(Timeout = 30000)]
    public async Task The_row_URL_escapes_the_run_id_and_GET_finds_the_row_there()
    {
        await using var stargate = await Sink.StargateAsync();
        const string runId = "clip one/take #2";

        var result = await Sink.RunAsync(stargate, RunPayloads.Full with { RunId = runId });

        Assert.Equal(0, result.ExitCode);
        var url = result.Stdout.Trim().Split(" -> ")[1];
        Assert.EndsWith("/peepshow_runs/clip%20one%2Ftake%20%232", url);
        var (count, data) = await Sink.GetAsync(stargate, url);
        Assert.Equal(1, count);
        Assert.Equal(runId, data[0].GetProperty("run_id").GetString());
    }

    [Theory(Timeout = 30000)]
    [InlineData("'quoted'")]
    [InlineData(" padded run ")]
    public async Task The_row_URL_finds_the_row_even_for_a_run_id_Stargate_would_unquote_or_trim(string runId)
    {
        await using var stargate = await Sink.StargateAsync();

        var result = await Sink.RunAsync(stargate, RunPayloads.Full with { RunId = runId });

        Assert.Equal(0, result.ExitCode);
        var (count, data) = await Sink.GetAsync(stargate, result.Stdout.Trim().Split(" -> ")[1]);
        Assert.Equal(1, count);
        Assert.Equal(runId, data[0].GetProperty("run_id").GetString());
    }

    [Fact(Timeout = 30000)]
    public async Task The_request_is_one_flat_JSON_row_with_typed_values_the_token_and_a_JSON_content_type()
    {
        await using var stargate = await Sink.StargateAsync();

        await Sink.RunAsync(stargate, RunPayloads.Full);

        var request = Assert.Single(stargate.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/keyspaces/peepshow/peepshow_runs", request.Target);
        Assert.Equal(Sink.Token, request.Header("X-Cassandra-Token"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(
            ["run_id", "title", "frames", "duration", "transcript", "thumbnail_url", "strategy", "tags", "created_at"],
            body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, body.RootElement.GetProperty("frames").ValueKind);
        Assert.Equal(JsonValueKind.Number, body.RootElement.GetProperty("duration").ValueKind);
        Assert.Equal("2026-11-20T23:59:59.123Z", body.RootElement.GetProperty("created_at").GetString());
        // No PEEPSHOW_FRAME_BASE_URL: the column is written as null, not left out, so a replay clears an old value.
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("thumbnail_url").ValueKind);
    }

    [Fact(Timeout = 30000)]
    public async Task Without_a_token_the_sink_sends_no_token_header_to_a_Stargate_without_auth()
    {
        await using var stargate = await Sink.StargateAsync(token: null);
        var env = Sink.Env(stargate);
        env.Remove("CASSANDRA_TOKEN");

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Assert.Single(stargate.Requests).Header("X-Cassandra-Token"));
        Assert.Equal(1, stargate.RowCount(Sink.Keyspace, Sink.Table));
    }

    [Fact(Timeout = 30000)]
    public async Task The_original_peepshows_example_payload_without_a_runId_is_stored_under_its_folder_name()
    {
        await using var stargate = await Sink.StargateAsync();

        var result = await Sink.RunAsync(Sink.Env(stargate), Payloads.OriginalExample());

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("/v2/keyspaces/peepshow/peepshow_runs/peepshow-abc123\n", result.Stdout);
        var row = stargate.Row(Sink.Keyspace, Sink.Table, "peepshow-abc123")!;
        Assert.Equal("The Heist", row["title"]);
        Assert.Equal(1L, row["frames"]);
        Assert.Equal(12.5, row["duration"]);
        Assert.Equal("...", row["transcript"]);
        Assert.Equal("{\"title\":\"The Heist\",\"director\":\"Kubrick\"}", row["tags"]);
        Assert.IsType<DateTimeOffset>(row["created_at"]);
    }

    [Fact(Timeout = 30000)]
    public async Task A_replayed_run_updates_its_one_row_in_place()
    {
        await using var stargate = await Sink.StargateAsync();
        await Sink.RunAsync(stargate, RunPayloads.Full);

        var replay = await Sink.RunAsync(stargate, RunPayloads.Full.WithTranscript(null).WithTitle("Director's cut"));

        Assert.Equal(0, replay.ExitCode);
        Assert.Equal(1, stargate.RowCount(Sink.Keyspace, Sink.Table));
        var row = stargate.Row(Sink.Keyspace, Sink.Table, RunPayloads.RunId)!;
        Assert.Equal("Director's cut", row["title"]);
        Assert.Null(row["transcript"]);
        Assert.Equal(RunPayloads.CreatedAt, row["created_at"]);
    }

    [Fact(Timeout = 30000)]
    public async Task Two_runs_are_two_rows()
    {
        await using var stargate = await Sink.StargateAsync();

        await Sink.RunAsync(stargate, RunPayloads.Full);
        await Sink.RunAsync(stargate, RunPayloads.Full with { RunId = "20261121T000102003-aaaaaa" });

        Assert.Equal(2, stargate.RowCount(Sink.Keyspace, Sink.Table));
    }

    [Fact(Timeout = 30000)]
    public async Task A_custom_table_name_is_used_in_the_path_and_the_row_URL()
    {
        await using var stargate = await Sink.StargateAsync(withTable: false);
        stargate.CreateTable(Sink.Keyspace, StargateTableSchema.PeepshowRuns("Clips_2026"));
        var env = Sink.Env(stargate);
        env["CASSANDRA_TABLE"] = "Clips_2026";

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/v2/keyspaces/peepshow/Clips_2026", Assert.Single(stargate.Requests).Target);
        Assert.Contains("/v2/keyspaces/peepshow/Clips_2026/" + RunPayloads.RunId, result.Stdout);
    }

    // v2 returns bigint as a JSON number, v1 as a string ("JSON interoperability" in Converters.toJsonValue).
    private static double Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetDouble();
}
