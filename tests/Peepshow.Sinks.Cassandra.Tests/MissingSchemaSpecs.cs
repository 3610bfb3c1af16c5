using Peepshow.Sinks.Cassandra.Tests.Fixtures;
using Peepshow.Testing;
using Peepshow.Testing.Doubles.Stargate;

namespace Peepshow.Sinks.Cassandra.Tests;

public sealed class MissingSchemaSpecs
{
    // The schema of the original peepshow's docs (docs/sinks/cassandra.md), as a user would paste it.
    private const string ExpectedCql =
        """
        CREATE TABLE peepshow.peepshow_runs (
          run_id        text PRIMARY KEY,
          title         text,
          frames        bigint,
          duration      double,
          transcript    text,
          thumbnail_url text,
          strategy      text,
          tags          text,
          created_at    timestamp
        );
        """;

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2, "HTTP 400: Table 'peepshow_runs' not found (in keyspace 'peepshow')")]
    [InlineData(StargateFlavour.V1, "HTTP 404: Resource not found: table 'peepshow_runs' not found")]
    public async Task A_missing_table_fails_with_exit_5_naming_it_and_printing_the_CREATE_TABLE_to_paste(StargateFlavour flavour, string answer)
    {
        await using var stargate = await Sink.StargateAsync(flavour, withTable: false);

        var result = await Sink.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(5, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var lines = result.Stderr.TrimEnd('\n').Split('\n');
        Assert.StartsWith("peepshow-sink-cassandra: table peepshow.peepshow_runs does not exist", lines[0]);
        Assert.Contains(answer, lines[0]);
        Assert.Contains("CASSANDRA_CREATE_TABLE=1", lines[0]);
        Assert.Equal(ExpectedCql, string.Join('\n', lines[1..^1]));
        Assert.Equal("peepshow-sink-cassandra: table peepshow.peepshow_runs does not exist: create it with the CQL above, or set CASSANDRA_CREATE_TABLE=1", lines[^1]);
        Assert.Equal(1, stargate.RequestCount); // a 400/404 is not worth a retry
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2)]
    [InlineData(StargateFlavour.V1)]
    public async Task A_missing_keyspace_fails_with_exit_5_naming_it_and_printing_the_CQL_for_keyspace_and_table(StargateFlavour flavour)
    {
        await using var stargate = await StargateDouble.StartAsync(Sink.Token, flavour, cancellationToken: TestContext.Current.CancellationToken);

        var result = await Sink.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(5, result.ExitCode);
        var lines = result.Stderr.Split('\n');
        Assert.StartsWith("peepshow-sink-cassandra: keyspace peepshow does not exist", lines[0]);
        Assert.Contains("Keyspace 'peepshow' not found", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("CREATE KEYSPACE IF NOT EXISTS peepshow", lines[1]);
        Assert.Contains("\n" + ExpectedCql + "\n", result.Stderr);
        Assert.Equal("peepshow-sink-cassandra: keyspace peepshow does not exist: create it with the CQL above", lines[^2]);
        Assert.Equal(1, stargate.RequestCount);
    }

    [Fact(Timeout = 30000)]
    public async Task A_keyspace_name_in_the_wrong_case_gets_a_hint_and_quoted_CQL()
    {
        await using var stargate = await Sink.StargateAsync();
        var env = Sink.Env(stargate);
        env["CASSANDRA_KEYSPACE"] = "Peepshow";

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("a keyspace created without quotes is 'peepshow'", result.Stderr);
        Assert.Contains("CREATE TABLE \"Peepshow\".peepshow_runs (", result.Stderr);
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2)]
    [InlineData(StargateFlavour.V1)]
    public async Task With_CASSANDRA_CREATE_TABLE_the_sink_creates_the_missing_table_and_then_writes(StargateFlavour flavour)
    {
        await using var stargate = await Sink.StargateAsync(flavour, withTable: false);
        var env = Sink.Env(stargate);
        env["CASSANDRA_CREATE_TABLE"] = "1";

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["POST /v2/keyspaces/peepshow/peepshow_runs", "POST /v2/schemas/keyspaces/peepshow/tables", "POST /v2/keyspaces/peepshow/peepshow_runs"],
            stargate.Requests.Where(r => r.Method == "POST").Select(r => $"{r.Method} {r.Target}"));
        Assert.Equal(StargateTableSchema.PeepshowRuns(), stargate.Table(Sink.Keyspace, Sink.Table), new SchemaComparer());
        Assert.Equal("The Heist (trailer)", stargate.Row(Sink.Keyspace, Sink.Table, RunPayloads.RunId)!["title"]);
        Assert.Contains("created table peepshow.peepshow_runs", result.Stderr);
    }

    [Fact(Timeout = 30000)]
    public async Task The_table_the_sink_creates_is_the_table_its_CQL_describes()
    {
        await using var stargate = await Sink.StargateAsync(withTable: false);
        var printed = await Sink.RunAsync(stargate, RunPayloads.Full);
        var env = Sink.Env(stargate);
        env["CASSANDRA_CREATE_TABLE"] = "1";

        await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        var cqlColumns = printed.Stderr.Split('\n')
            .SkipWhile(l => !l.StartsWith("CREATE TABLE", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l != ");")
            .Select(l => l.Trim().TrimEnd(',').Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => $"{parts[0]} {parts[1]}{(parts.Length > 2 ? " " + string.Join(' ', parts[2..]) : "")}");
        var created = stargate.Table(Sink.Keyspace, Sink.Table)!;
        Assert.Equal(
            cqlColumns,
            created.Columns.Select(c => $"{c.Name} {c.Type.ToCql()}{(created.PartitionKey.SequenceEqual([c.Name]) ? " PRIMARY KEY" : "")}"));
    }

    [Fact(Timeout = 30000)]
    public async Task With_CASSANDRA_CREATE_TABLE_an_existing_table_costs_no_extra_request()
    {
        await using var stargate = await Sink.StargateAsync();
        var env = Sink.Env(stargate);
        env["CASSANDRA_CREATE_TABLE"] = "1";

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, stargate.RequestCount);
    }

    [Fact(Timeout = 30000)]
    public async Task A_table_someone_else_created_meanwhile_409_counts_as_there()
    {
        await using var stargate = await Sink.StargateAsync();
        var env = Sink.Env(stargate);
        env["CASSANDRA_CREATE_TABLE"] = "1";
        stargate.Fail(
            StargateFault.Http(400, """{"description":"Table 'peepshow_runs' not found (in keyspace 'peepshow')","code":400,"grpcStatus":null,"internalTxId":null}"""),
            StargateFault.Http(409, """{"description":"Resource already exists (Status.Code.ALREADY_EXISTS->409): ALREADY_EXISTS: Cannot add already existing table \"peepshow_runs\" to keyspace \"peepshow\"","code":409,"grpcStatus":"ALREADY_EXISTS","internalTxId":null}"""));

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, stargate.RequestCount);
        Assert.Equal(1, stargate.RowCount(Sink.Keyspace, Sink.Table));
    }

    [Fact(Timeout = 30000)]
    public async Task A_table_Stargate_does_not_see_at_once_after_creating_it_is_written_on_a_quick_second_try()
    {
        await using var stargate = await Sink.StargateAsync(withTable: false);
        var env = Sink.Env(stargate);
        env["CASSANDRA_CREATE_TABLE"] = "1";
        const string stale = """{"description":"Table 'peepshow_runs' not found (in keyspace 'peepshow')","code":400,"grpcStatus":null,"internalTxId":null}""";
        stargate.Fail(new StargateFault(), new StargateFault(), StargateFault.Http(400, stale));

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(4, stargate.RequestCount);
        Assert.Equal(1, stargate.RowCount(Sink.Keyspace, Sink.Table));
    }

    [Theory(Timeout = 30000)]
    [InlineData(StargateFlavour.V2)]
    [InlineData(StargateFlavour.V1)]
    public async Task With_CASSANDRA_CREATE_TABLE_a_missing_keyspace_is_reported_not_created(StargateFlavour flavour)
    {
        await using var stargate = await StargateDouble.StartAsync(Sink.Token, flavour, cancellationToken: TestContext.Current.CancellationToken);
        var env = Sink.Env(stargate);
        env["CASSANDRA_CREATE_TABLE"] = "1";

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.StartsWith("peepshow-sink-cassandra: keyspace peepshow does not exist", result.Stderr);
        Assert.Equal(1, stargate.RequestCount);
        Assert.False(stargate.HasKeyspace(Sink.Keyspace));
    }

    [Fact(Timeout = 30000)]
    public async Task When_Stargate_reports_a_missing_keyspace_as_a_missing_table_creating_it_reports_the_keyspace()
    {
        // Newer Stargate v2 looks tables up with a "missing keyspace = no table" fallback.
        await using var stargate = await StargateDouble.StartAsync(Sink.Token, cancellationToken: TestContext.Current.CancellationToken);
        var env = Sink.Env(stargate);
        env["CASSANDRA_CREATE_TABLE"] = "1";
        stargate.Fail(StargateFault.Http(400, """{"description":"Table 'peepshow_runs' not found (in keyspace peepshow)","code":400,"grpcStatus":null,"internalTxId":null}"""));

        var result = await Sink.RunAsync(env, Payloads.Json(RunPayloads.Full));

        Assert.Equal(5, result.ExitCode);
        Assert.StartsWith("peepshow-sink-cassandra: keyspace peepshow does not exist", result.Stderr);
        Assert.Contains("Keyspace 'peepshow' doesn't exist", result.Stderr);
        Assert.Equal(2, stargate.RequestCount);
    }

    [Fact(Timeout = 30000)]
    public async Task A_table_with_other_columns_fails_with_exit_5_and_the_expected_schema()
    {
        await using var stargate = await Sink.StargateAsync(withTable: false);
        var old = StargateTableSchema.PeepshowRuns();
        stargate.CreateTable(Sink.Keyspace, old with { Columns = old.Columns.Where(c => c.Name != "tags").ToArray() });

        var result = await Sink.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("table peepshow.peepshow_runs does not have the peepshow columns", result.Stderr);
        Assert.Contains("Unknown field name 'tags'", result.Stderr);
        Assert.Contains("\n" + ExpectedCql + "\n", result.Stderr);
        Assert.Equal(1, stargate.RequestCount);
    }

    [Fact(Timeout = 30000)]
    public async Task A_column_of_another_type_fails_with_Stargates_own_explanation()
    {
        await using var stargate = await Sink.StargateAsync(withTable: false);
        var old = StargateTableSchema.PeepshowRuns();
        stargate.CreateTable(Sink.Keyspace, old with { Columns = old.Columns.Select(c => c.Name == "frames" ? c with { Type = CqlType.Uuid } : c).ToArray() });

        var result = await Sink.RunAsync(stargate, RunPayloads.Full);

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("Failed to deserialize field 'peepshow_runs.frames', problem: Cannot coerce Number 3 into expected protobuf type: TypeSpec.Basic.UUID", result.Stderr);
    }

    private sealed class SchemaComparer : IEqualityComparer<StargateTableSchema?>
    {
        public bool Equals(StargateTableSchema? x, StargateTableSchema? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Columns.SequenceEqual(y.Columns)
            && x.PartitionKey.SequenceEqual(y.PartitionKey) && x.ClusteringKey.SequenceEqual(y.ClusteringKey);

        public int GetHashCode(StargateTableSchema? obj) => obj?.Name.GetHashCode() ?? 0;
    }
}
