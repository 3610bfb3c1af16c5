using System.Net;
using System.Text;
using System.Text.Json;
using Peepshow.Protocol;
using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Sinks.Cassandra.Tests;

/// <summary>The double is only worth what its fidelity is: these pin the Stargate behaviours the sink depends on.</summary>
public sealed class StargateDoubleSpecs
{
    private const string Token = "double-spec-token";

    private static async Task<StargateDouble> StartAsync(StargateFlavour flavour = StargateFlavour.V2)
    {
        var stargate = await StargateDouble.StartAsync(Token, flavour, cancellationToken: TestContext.Current.CancellationToken);
        stargate.CreateTable("ks", StargateTableSchema.PeepshowRuns("runs"));
        return stargate;
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(StargateDouble stargate, HttpMethod method, string path, string? body = null, string? token = Token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, stargate.BaseUrl + path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (token is not null)
            request.Headers.Add("X-Cassandra-Token", token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory(Timeout = 30000)]
    [InlineData("'quoted'", "quoted")]
    [InlineData("''", "")]
    [InlineData("'", "'")]
    [InlineData("'a''b'", "a'b")]
    [InlineData(" 'x' ", " 'x' ")]
    public async Task V2_unquotes_a_string_that_starts_and_ends_with_a_single_quote(string sent, string stored)
    {
        await using var stargate = await StartAsync();

        var (status, _) = await SendAsync(stargate, HttpMethod.Post, "/v2/keyspaces/ks/runs", JsonSerializer.Serialize(new Dictionary<string, string> { ["run_id"] = "r", ["title"] = sent }, ProtocolJson.Context.DictionaryStringString));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(stored, stargate.Row("ks", "runs", "r")!["title"]);
    }

    [Theory(Timeout = 30000)]
    [InlineData(" padded ", "padded")]
    [InlineData(" 'x' ", "x")]
    [InlineData("'a''b'", "a'b")]
    public async Task V1_trims_then_unquotes(string sent, string stored)
    {
        await using var stargate = await StartAsync(StargateFlavour.V1);

        await SendAsync(stargate, HttpMethod.Post, "/v2/keyspaces/ks/runs", JsonSerializer.Serialize(new Dictionary<string, string> { ["run_id"] = "r", ["title"] = sent }, ProtocolJson.Context.DictionaryStringString));

        Assert.Equal(stored, stargate.Row("ks", "runs", "r")!["title"]);
    }

    [Fact(Timeout = 30000)]
    public async Task V1_fails_with_a_500_on_a_lone_quote()
    {
        await using var stargate = await StartAsync(StargateFlavour.V1);

        var (status, body) = await SendAsync(stargate, HttpMethod.Post, "/v2/keyspaces/ks/runs", """{"run_id":"r","title":"'"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("""{"description":"Server error: begin 1, end 0, length 1","code":500}""", body);
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2, """{"run_id":"r","frames":3}""")]
    [InlineData(StargateFlavour.V1, """{"run_id":"r"}""")]
    public async Task A_201_echoes_the_payload_on_v2_and_only_the_key_on_v1(StargateFlavour flavour, string expected)
    {
        await using var stargate = await StartAsync(flavour);

        var (status, body) = await SendAsync(stargate, HttpMethod.Post, "/v2/keyspaces/ks/runs", """{"run_id":"r","frames":3}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(expected, body);
    }

    [Fact(Timeout = 30000)]
    public async Task GET_by_key_returns_count_and_data_with_Java_Instant_timestamps()
    {
        await using var stargate = await StartAsync();
        await SendAsync(stargate, HttpMethod.Post, "/v2/keyspaces/ks/runs", """{"run_id":"a","created_at":"2026-11-20T23:59:59Z","duration":1.5}""");
        await SendAsync(stargate, HttpMethod.Post, "/v2/keyspaces/ks/runs", """{"run_id":"b","created_at":"2026-11-20T23:59:59.120+01:00"}""");

        var (_, a) = await SendAsync(stargate, HttpMethod.Get, "/v2/keyspaces/ks/runs/a");
        var (_, b) = await SendAsync(stargate, HttpMethod.Get, "/v2/keyspaces/ks/runs/b");
        var (_, none) = await SendAsync(stargate, HttpMethod.Get, "/v2/keyspaces/ks/runs/zzz");

        Assert.Contains("\"count\":1", a);
        Assert.Contains("\"created_at\":\"2026-11-20T23:59:59Z\"", a);
        Assert.Contains("\"created_at\":\"2026-11-20T22:59:59.120Z\"", b);
        Assert.Contains("\"title\":null", a);
        Assert.Equal("""{"count":0,"data":[]}""", none);
    }

    [Theory(Timeout = 30000)]
    [InlineData("""{"run_id":"r","nope":1}""", "Invalid path for row to create, problem: Unknown field name 'nope' (table 'runs'); known fields: [run_id, title, frames, duration, transcript, thumbnail_url, strategy, tags, created_at]")]
    [InlineData("""{"run_id":"r","frames":"three"}""", "Invalid path for row to create, problem: Failed to deserialize field 'runs.frames', problem: Invalid String value ('three'): not valid representation/value for target protobuf type: TypeSpec.Basic.LONG")]
    [InlineData("""{"run_id":"r","created_at":"yesterday"}""", "Invalid path for row to create, problem: Failed to deserialize field 'runs.created_at', problem: Text 'yesterday' could not be parsed at index 0")]
    [InlineData("""{"title":"t"}""", "Invalid argument for gRPC operation (Status.Code.INVALID_ARGUMENT->400): INVALID_ARGUMENT: Some partition key parts are missing: run_id")]
    public async Task V2_rejects_bad_rows_with_its_own_descriptions(string row, string description)
    {
        await using var stargate = await StartAsync();

        var (status, body) = await SendAsync(stargate, HttpMethod.Post, "/v2/keyspaces/ks/runs", row);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(description, JsonDocument.Parse(body).RootElement.GetProperty("description").GetString());
        Assert.Equal(0, stargate.RowCount("ks", "runs"));
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2, null, """{"description":"Role unauthorized for operation: Missing token, expecting one in the X-Cassandra-Token header.","code":401,"grpcStatus":null,"internalTxId":null}""")]
    [InlineData(StargateFlavour.V2, "nope", """{"description":"Unauthenticated gRPC operation (Status.Code.UNAUTHENTICATED->401): UNAUTHENTICATED: Invalid token","code":401,"grpcStatus":"UNAUTHENTICATED","internalTxId":null}""")]
    [InlineData(StargateFlavour.V1, null, """{"description":"Role unauthorized for operation: Missing token","code":401}""")]
    public async Task A_request_without_the_right_token_gets_the_real_401_body(StargateFlavour flavour, string? token, string expected)
    {
        await using var stargate = await StartAsync(flavour);

        var (status, body) = await SendAsync(stargate, HttpMethod.Post, "/v2/keyspaces/ks/runs", """{"run_id":"r"}""", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(expected, body);
    }

    [Fact(Timeout = 30000)]
    public async Task The_schema_API_creates_a_table_once_and_answers_409_without_ifNotExists()
    {
        await using var stargate = await StartAsync();
        const string table = """{"name":"t2","columnDefinitions":[{"name":"id","typeDefinition":"text"},{"name":"n","typeDefinition":"bigint"}],"primaryKey":{"partitionKey":["id"]}}""";

        var first = await SendAsync(stargate, HttpMethod.Post, "/v2/schemas/keyspaces/ks/tables", table);
        var again = await SendAsync(stargate, HttpMethod.Post, "/v2/schemas/keyspaces/ks/tables", table);
        var idempotent = await SendAsync(stargate, HttpMethod.Post, "/v2/schemas/keyspaces/ks/tables", table.Replace("{\"name\":\"t2\"", "{\"name\":\"t2\",\"ifNotExists\":true"));

        Assert.Equal((HttpStatusCode.Created, """{"name":"t2"}"""), first);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("\"grpcStatus\":\"ALREADY_EXISTS\"", again.Body);
        Assert.Equal(HttpStatusCode.Created, idempotent.Status);
        Assert.Equal([new StargateColumn("id", CqlType.Text), new StargateColumn("n", CqlType.Bigint)], stargate.Table("ks", "t2")!.Columns);
    }

    [Fact(Timeout = 30000)]
    public async Task A_fault_after_processing_stores_the_row_but_drops_the_answer()
    {
        await using var stargate = await StartAsync();
        stargate.Fail(StargateFault.DropAfterProcessing());

        await Assert.ThrowsAsync<HttpRequestException>(() => SendAsync(stargate, HttpMethod.Post, "/v2/keyspaces/ks/runs", """{"run_id":"r"}"""));

        Assert.NotNull(stargate.Row("ks", "runs", "r"));
        Assert.Equal(1, stargate.RequestCount);
    }
}
