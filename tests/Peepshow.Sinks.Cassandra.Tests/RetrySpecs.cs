using System.Diagnostics;
using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Sinks.Cassandra.Tests;

public sealed class RetrySpecs
{
    public static TheoryData<StargateFlavour, string> Faults() => new()
    {
        { StargateFlavour.V2, "429" },
        { StargateFlavour.V2, "500" },
        { StargateFlavour.V2, "502" },
        { StargateFlavour.V2, "503" },
        { StargateFlavour.V2, "504" },
        { StargateFlavour.V2, "drop" },
        { StargateFlavour.V2, "drop-after-store" },
        { StargateFlavour.V1, "429" },
        { StargateFlavour.V1, "500" },
        { StargateFlavour.V1, "502" },
        { StargateFlavour.V1, "drop-after-store" },
    };

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Faults))]
    public async Task A_transient_failure_is_retried_and_leaves_exactly_one_row(StargateFlavour flavour, string fault)
    {
        await using var stargate = await CassandraFixture.StargateAsync(flavour);
        var script = fault switch
        {
            "drop" => StargateFault.DropConnection(),
            "drop-after-store" => StargateFault.DropAfterProcessing(),
            _ => StargateFault.Http(int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture)),
        };
        stargate.Fail(script, script);

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full);

        Assert.True(result.ExitCode == 0, result.ToString());
        // Two failed POSTs and the one that worked (v1 then reads the row back once: the transcript starts with a space).
        Assert.Equal(3, stargate.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(1, stargate.RowCount(CassandraFixture.Keyspace, CassandraFixture.Table));
        Assert.Equal("The Heist (trailer)", stargate.Row(CassandraFixture.Keyspace, CassandraFixture.Table, RunPayloads.RunId)!["title"]);
        Assert.StartsWith($"cassandra: run {RunPayloads.RunId} -> ", result.Stdout);
        Assert.Contains("retry: POST /v2/keyspaces/peepshow/peepshow_runs attempt 2/6", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_429_with_Retry_After_waits_that_long()
    {
        await using var stargate = await CassandraFixture.StargateAsync();
        stargate.Fail(StargateFault.Http(429, retryAfterSeconds: 1));
        var clock = Stopwatch.StartNew();

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, stargate.RequestCount);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}");
    }

    [Fact(Timeout = 30000)]
    public async Task A_backend_that_stays_down_fails_with_exit_5_after_the_attempt_budget()
    {
        await using var stargate = await CassandraFixture.StargateAsync();
        stargate.Fail(Enumerable.Repeat(StargateFault.Http(502), 10).ToArray());
        var env = CassandraFixture.Env(stargate);
        env["PEEPSHOW_SINK_MAX_ATTEMPTS"] = "3";

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(3, stargate.RequestCount);
        var last = result.Stderr.TrimEnd('\n').Split('\n')[^1];
        Assert.Equal(
            "peepshow-sink-cassandra: POST /v2/keyspaces/peepshow/peepshow_runs failed after 3 attempt(s): HTTP 502: gRPC service unavailable (Status.Code.UNAVAILABLE->502): UNAVAILABLE: io exception",
            last);
    }

    [Fact(Timeout = 30000)]
    public async Task The_error_line_counts_the_attempts_of_the_failing_request_only()
    {
        await using var stargate = await CassandraFixture.StargateAsync(withTable: false);
        var env = CassandraFixture.Env(stargate);
        env["CASSANDRA_CREATE_TABLE"] = "1";
        env["PEEPSHOW_SINK_MAX_ATTEMPTS"] = "3";
        stargate.Fail(new StargateFault(), new StargateFault(), StargateFault.Http(500), StargateFault.Http(500), StargateFault.Http(500));

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(5, stargate.RequestCount);
        Assert.Contains("POST /v2/keyspaces/peepshow/peepshow_runs failed after 3 attempt(s): HTTP 500: Unhandled gRPC failure", result.StderrLines[^1]);
    }

    [Fact(Timeout = 30000)]
    public async Task A_backend_that_never_answers_hits_the_overall_deadline()
    {
        await using var stargate = await CassandraFixture.StargateAsync();
        stargate.Fail(StargateFault.Slow(TimeSpan.FromSeconds(10)), StargateFault.Slow(TimeSpan.FromSeconds(10)));
        var env = CassandraFixture.Env(stargate);
        env["PEEPSHOW_SINK_MAX_SECONDS"] = "1";

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("no answer within 1 s", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_refused_connection_fails_with_exit_5_and_no_row()
    {
        var stargate = await CassandraFixture.StargateAsync();
        var env = CassandraFixture.Env(stargate);
        await stargate.DisposeAsync();
        env["PEEPSHOW_SINK_MAX_ATTEMPTS"] = "2";

        var result = await CassandraFixture.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("network error", result.Stderr);
        Assert.Contains("after 2 attempt(s)", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task A_rejected_row_is_not_retried()
    {
        await using var stargate = await CassandraFixture.StargateAsync();
        stargate.Fail(StargateFault.Http(400, """{"description":"Invalid argument for gRPC operation (Status.Code.INVALID_ARGUMENT->400): INVALID_ARGUMENT: Key may not be empty","code":400,"grpcStatus":"INVALID_ARGUMENT","internalTxId":null}"""));

        var result = await CassandraFixture.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(1, stargate.RequestCount);
        Assert.StartsWith("peepshow-sink-cassandra: Stargate rejected the row for peepshow.peepshow_runs (HTTP 400: Invalid argument", result.Stderr);
    }
}
