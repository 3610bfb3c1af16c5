using System.Net;
using System.Text;

namespace Peepshow.Sinks.Cassandra.Tests;

public sealed class StargateOutcomeSpecs
{
    private static Task<StargateOutcome> InterpretAsync(int status, string body, StargateEcho? echo = null) =>
        StargateOutcome.InterpretAsync(
            new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            echo ?? StargateEcho.Row("r"),
            TestContext.Current.CancellationToken);

    [Theory]
    [InlineData("""{"run_id":"r"}""")]
    [InlineData("""{"run_id":"r","title":"The Heist","frames":3}""")]
    public async Task A_201_carrying_the_written_key_is_a_written_row(string body)
    {
        Assert.IsType<StargateOutcome.Written>(await InterpretAsync(201, body));
    }

    [Fact]
    public async Task A_201_carrying_the_key_in_its_quote_safe_form_is_a_written_row()
    {
        var sent = StargateText.Encode("'quoted'");

        var outcome = await InterpretAsync(201, $$"""{"run_id":{{System.Text.Json.JsonSerializer.Serialize(sent)}}}""", StargateEcho.Row("'quoted'"));

        Assert.IsType<StargateOutcome.Written>(outcome);
    }

    [Fact]
    public async Task A_201_naming_the_table_is_a_created_table()
    {
        Assert.IsType<StargateOutcome.Written>(await InterpretAsync(201, """{"name":"peepshow_runs"}""", StargateEcho.Table("peepshow_runs")));
    }

    [Theory]
    [InlineData(201, "")]
    [InlineData(201, "{}")]
    [InlineData(201, """{"run_id":"another-run"}""")]
    [InlineData(201, """{"run_id":42}""")]
    [InlineData(201, "[]")]
    [InlineData(200, """{"run_id":"r"}""")]
    [InlineData(200, "{}")]
    [InlineData(204, "")]
    [InlineData(200, "not even json")]
    public async Task Any_other_2xx_is_not_Stargate_and_says_what_came_back(int status, string body)
    {
        var outcome = Assert.IsType<StargateOutcome.NotStargate>(await InterpretAsync(status, body));

        Assert.StartsWith($"HTTP {status}", outcome.Detail);
        Assert.Contains(body, outcome.Detail);
        Assert.Equal("a written row (201 with its run_id)", outcome.Expected);
    }

    [Theory]
    [InlineData(400, """{"description":"Table 'runs' not found (in keyspace 'ks')","code":400,"grpcStatus":null,"internalTxId":null}""")]
    [InlineData(400, """{"description":"Table 'runs' not found (in keyspace ks)","code":400}""")]
    [InlineData(404, """{"description":"Resource not found: table 'runs' not found","code":404}""")]
    [InlineData(404, """{"message":"table 'runs' not found"}""")]
    [InlineData(400, "Table 'runs' not found")]
    public async Task Every_wording_of_a_missing_table_is_recognised(int status, string body)
    {
        Assert.IsType<StargateOutcome.TableMissing>(await InterpretAsync(status, body));
    }

    [Theory]
    [InlineData(400, """{"description":"Keyspace 'ks' not found","code":400,"grpcStatus":null,"internalTxId":null}""")]
    [InlineData(404, """{"description":"Resource not found: keyspace 'ks' not found","code":404}""")]
    [InlineData(400, """{"description":"Invalid argument for gRPC operation (Status.Code.INVALID_ARGUMENT->400): INVALID_ARGUMENT: Keyspace 'ks' doesn't exist","code":400}""")]
    public async Task Every_wording_of_a_missing_keyspace_is_recognised(int status, string body)
    {
        Assert.IsType<StargateOutcome.KeyspaceMissing>(await InterpretAsync(status, body));
    }

    [Fact]
    public async Task An_error_is_described_by_Stargates_description_on_one_line()
    {
        var outcome = await InterpretAsync(502, "{\"description\":\"gRPC service unavailable\\n(io)\",\"code\":502}");

        var failed = Assert.IsType<StargateOutcome.Failed>(outcome);
        Assert.Equal("HTTP 502: gRPC service unavailable (io)", failed.Detail);
    }

    [Fact]
    public async Task An_error_without_a_Stargate_body_is_described_by_its_status_and_body()
    {
        var failed = Assert.IsType<StargateOutcome.Failed>(await InterpretAsync(503, "<html>upstream down</html>"));

        Assert.Equal("HTTP 503 Service Unavailable: <html>upstream down</html>", failed.Detail);
    }
}
