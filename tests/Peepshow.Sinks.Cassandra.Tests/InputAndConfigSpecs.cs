using System.Text;
using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;

namespace Peepshow.Sinks.Cassandra.Tests;

public sealed class InputAndConfigSpecs
{
    public static TheoryData<byte[]> MalformedInputs() => new()
    {
        Array.Empty<byte>(),
        Encoding.UTF8.GetBytes("   \n"),
        Encoding.UTF8.GetBytes("not json"),
        Encoding.UTF8.GetBytes("null"),
        Encoding.UTF8.GetBytes("[]"),
        Encoding.UTF8.GetBytes("{\"strategy\":\"scene\",\"frames\":[]}"),
        Encoding.UTF8.GetBytes("{\"outputDir\":\"/tmp/x\",\"strategy\":\"scene\",\"frames\":\"three\"}"),
        Encoding.UTF8.GetBytes("{\"outputDir\":\"/tmp/x\",\"strategy\":\"scene\",\"frames\":[]"),
        new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D },
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(MalformedInputs))]
    public async Task Malformed_stdin_fails_with_exit_4_before_any_request(byte[] stdin)
    {
        await using var stargate = await Sink.StargateAsync();

        var result = await Sink.RunAsync(Sink.Env(stargate), stdin);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("peepshow-sink-cassandra: ", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(0, stargate.RequestCount);
    }

    [Theory(Timeout = 30000)]
    [InlineData("CASSANDRA_URL")]
    [InlineData("CASSANDRA_KEYSPACE")]
    public async Task A_missing_required_variable_fails_with_exit_2_naming_it(string variable)
    {
        await using var stargate = await Sink.StargateAsync();
        var env = Sink.Env(stargate);
        env.Remove(variable);

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"peepshow-sink-cassandra: {variable} is not set", result.Stderr);
        Assert.Equal(0, stargate.RequestCount);
    }

    [Theory(Timeout = 30000)]
    [InlineData("CASSANDRA_KEYSPACE", "my-keyspace")]
    [InlineData("CASSANDRA_KEYSPACE", "1peepshow")]
    [InlineData("CASSANDRA_KEYSPACE", "peepshow/../system")]
    [InlineData("CASSANDRA_KEYSPACE", "\"peepshow\"")]
    [InlineData("CASSANDRA_TABLE", "runs;DROP TABLE x")]
    [InlineData("CASSANDRA_TABLE", "runs%2Fother")]
    [InlineData("CASSANDRA_TABLE", "a_table_name_that_is_far_too_long_for_cassandra_xx")]
    public async Task A_keyspace_or_table_that_is_not_a_Cassandra_name_fails_with_exit_2(string variable, string value)
    {
        await using var stargate = await Sink.StargateAsync();
        var env = Sink.Env(stargate);
        env[variable] = value;

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"peepshow-sink-cassandra: {variable} must be a Cassandra name", result.Stderr);
        Assert.Equal(0, stargate.RequestCount);
    }

    [Theory(Timeout = 30000)]
    [InlineData("localhost:8082")]
    [InlineData("ftp://stargate.example.com")]
    [InlineData("http://user:pw@stargate.example.com")]
    public async Task A_CASSANDRA_URL_that_is_not_a_plain_http_URL_fails_with_exit_2(string url)
    {
        var env = new Dictionary<string, string> { ["CASSANDRA_URL"] = url, ["CASSANDRA_KEYSPACE"] = "peepshow" };

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("peepshow-sink-cassandra: CASSANDRA_URL must", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task The_token_is_never_sent_over_plain_http_to_another_host()
    {
        var env = new Dictionary<string, string>
        {
            ["CASSANDRA_URL"] = "http://stargate.example.com:8082",
            ["CASSANDRA_KEYSPACE"] = "peepshow",
            ["CASSANDRA_TOKEN"] = Sink.Token,
        };

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PEEPSHOW_ALLOW_INSECURE_HTTP=1", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_CASSANDRA_URL_that_already_ends_in_v2_gets_a_hint_on_the_404()
    {
        await using var stargate = await Sink.StargateAsync();
        var env = Sink.Env(stargate);
        env["CASSANDRA_URL"] = stargate.BaseUrl + "/v2";

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(
            $"peepshow-sink-cassandra: POST {stargate.BaseUrl}/v2/v2/keyspaces/peepshow/peepshow_runs answered HTTP 404 Not Found; is CASSANDRA_URL the Stargate REST base (http://<host>:8082, or https://<db-id>-<region>.apps.astra.datastax.com/api/rest), without the trailing /v2?\n",
            result.Stderr);
    }

    [Theory(Timeout = 30000)]
    [InlineData("CASSANDRA_TOKEN", Sink.Token + "\r\nX-Evil: 1")]
    [InlineData("CASSANDRA_TOKEN", Sink.Token + "\nX-Evil: 1")]
    [InlineData("CASSANDRA_TOKEN", Sink.Token + "\0")]
    [InlineData("CASSANDRA_TOKEN", "sgtok\u0085" + Sink.Token)]
    [InlineData("CASSANDRA_KEYSPACE", "peepshow\r\nX-Evil: 1")]
    [InlineData("CASSANDRA_TABLE", "peepshow_runs\u007f")]
    [InlineData("CASSANDRA_URL", "http://127.0.0.1:1/\r\nX-Evil: 1")]
    [InlineData("PEEPSHOW_FRAME_BASE_URL", "https://cdn.example.com/\tframes")]
    public async Task A_value_with_a_control_character_is_exit_2_naming_the_variable_and_nothing_is_sent(string variable, string value)
    {
        await using var stargate = await Sink.StargateAsync();
        var env = Sink.Env(stargate);
        env[variable] = value;

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"peepshow-sink-cassandra: {variable} contains a control character", result.Stderr);
        Assert.DoesNotContain("X-Evil", result.Stderr);
        Assert.DoesNotContain(value.Trim(), result.Stdout + result.Stderr);
        Assert.Equal(0, stargate.RequestCount);
    }

    [Theory(Timeout = 30000)]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData(".")]
    [InlineData("/tmp/..")]
    public async Task A_payload_without_runId_whose_folder_has_no_name_is_exit_4_before_any_request(string outputDir)
    {
        await using var stargate = await Sink.StargateAsync();

        var result = await Sink.RunAsync(stargate, RunPayloads.Full with { RunId = null, OutputDir = outputDir });

        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith("peepshow-sink-cassandra: the payload has no runId", result.Stderr);
        Assert.Equal(0, stargate.RequestCount);
        Assert.Equal(0, stargate.RowCount(Sink.Keyspace, Sink.Table));
    }

    [Fact(Timeout = 30000)]
    public async Task Config_is_checked_before_stdin_is_read()
    {
        var env = new Dictionary<string, string> { ["CASSANDRA_KEYSPACE"] = "peepshow" };

        var result = await Sink.RunAsync(env, Encoding.UTF8.GetBytes("not json"));

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Help_lists_every_variable_and_marks_the_token_secret()
    {
        var result = await Sink.RunAsync(new Dictionary<string, string>(), [], "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var variable in new[] { "CASSANDRA_URL", "CASSANDRA_KEYSPACE", "CASSANDRA_TABLE", "CASSANDRA_CREATE_TABLE", "PEEPSHOW_FRAME_BASE_URL" })
            Assert.Contains(variable, result.Stdout);
        Assert.Matches("CASSANDRA_TOKEN .*secret", result.Stdout);
        Assert.Contains("default peepshow_runs", result.Stdout);
    }

    [Theory]
    [InlineData("peepshow", "peepshow")]
    [InlineData("Peepshow", "\"Peepshow\"")]
    [InlineData("table", "\"table\"")]
    [InlineData("runs_2026", "runs_2026")]
    public void Names_in_the_printed_CQL_are_quoted_only_where_CQL_would_change_them(string name, string cql)
    {
        Assert.Equal(cql, CqlName.ToCql(name));
    }
}
