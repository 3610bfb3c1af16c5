using System.Text;
using Peepshow.Protocol.Hosting;
using Peepshow.Protocol.Payload;
using Peepshow.Protocol.Rows;
using Peepshow.Testing;

namespace Peepshow.Protocol.Tests;

/// <summary>The host every .NET sink runs on, driven in-process through <see cref="SinkIo"/>.</summary>
public sealed class SinkAppSpecs
{
    private const string Prefix = "peepshow-sink-spec: ";
    private const string UrlVar = "SPEC_SINK_URL";
    private const string TokenVar = "SPEC_SINK_TOKEN";
    private const string Secret = "tok-3f9a1c77e2";

    private static readonly Dictionary<string, string> Env = new() { [UrlVar] = "https://warehouse.example.com", [TokenVar] = Secret };

    private static readonly string PayloadJson = ProtocolJson.Serialize(Payloads.FullyPopulated());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A sink whose config is one required URL and one secret token; it records what it was given.</summary>
    private sealed class SpecSink(Func<SinkInvocation<string>, CancellationToken, Task<string>>? write = null)
    {
        public SinkInvocation<string>? Invocation { get; private set; }

        public SinkDefinition<string> Definition => new(
            new SinkInfo("spec", "a sink for specs", [
                new EnvVarDoc(UrlVar, "where to write", Required: true),
                new EnvVarDoc(TokenVar, "API token", Secret: true),
                new EnvVarDoc("SPEC_SINK_TABLE", "table name", Default: "peepshow_runs"),
            ]),
            env => env.Require(UrlVar, "where to write"),
            (run, ct) =>
            {
                Invocation = run;
                return write?.Invoke(run, ct) ?? Task.FromResult($"wrote run {StandardRowMapper.RunIdOf(run.Payload)}");
            });
    }

    [Fact]
    public async Task A_payload_is_handed_to_the_sink_and_its_success_line_printed()
    {
        // Arrange
        var sink = new SpecSink();

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, PayloadJson, Env, cancellationToken: Ct);

        // Assert
        Assert.Equal(SinkExitCodes.Ok, run.ExitCode);
        Assert.Equal($"wrote run {Payloads.FullyPopulated().RunId}\n", run.Stdout);
        Assert.Equal("", run.Stderr);
        Assert.Equal("https://warehouse.example.com", sink.Invocation!.Config);
        Assert.Equal(Encoding.UTF8.GetBytes(PayloadJson), sink.Invocation.RawPayload.ToArray());
        Assert.False(sink.Invocation.DryRun);
    }

    [Fact]
    public async Task A_sink_that_reads_a_variable_its_help_does_not_list_fails_at_once_naming_it()
    {
        // Arrange: the config reads a variable the SinkInfo leaves out, so --help would not show it.
        var definition = new SpecSink().Definition with { ReadConfig = env => env.Get("SPEC_SINK_UNLISTED") ?? env.Require(UrlVar, "where to write") };

        // Act
        var run = await SinkRun.InProcessAsync(definition, PayloadJson, Env, cancellationToken: Ct);

        // Assert
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the sink reads SPEC_SINK_UNLISTED but its SinkInfo.Environment does not declare it", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    public static TheoryData<string, byte[], string> MalformedStdin => new()
    {
        { "empty", [], "stdin is empty" },
        { "whitespace only", " \n\t\r\n "u8.ToArray(), "stdin is empty" },
        { "not JSON", "{\"outputDir\": "u8.ToArray(), "stdin is not valid JSON" },
        { "invalid UTF-8", [(byte)'{', 0xC3, 0x28, (byte)'}'], "stdin is not valid UTF-8" },
        { "an array", "[]"u8.ToArray(), "expected a JSON object with outputDir, strategy and frames" },
        { "an object of something else", """{"a":1}"""u8.ToArray(), "missing required field(s) 'outputDir', 'strategy', 'frames'" },
        { "frames as a string", """{"outputDir":"/tmp/x","strategy":"scene","frames":"frame_0001.jpg"}"""u8.ToArray(), "wrong type at $.frames" },
        { "bytes as a string", """{"outputDir":"/tmp/x","strategy":"scene","frames":[{"path":"/tmp/x/frame_0001.jpg","bytes":"42321"}]}"""u8.ToArray(), "wrong type at $.frames[0].bytes" },
    };

    [Theory]
    [MemberData(nameof(MalformedStdin))]
    public async Task Malformed_stdin_exits_4_with_one_line_saying_why_and_nothing_written(string @case, byte[] stdin, string reason)
    {
        // Arrange
        var sink = new SpecSink();

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, new MemoryStream(stdin), Env, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.MalformedInput, reason);
        Assert.True(sink.Invocation is null, $"{@case}: the sink ran");
    }

    [Fact(Timeout = 60000)]
    public async Task Stdin_over_64_MiB_exits_4_without_reading_past_the_cap()
    {
        // Arrange
        var stdin = new CountingStream(65L * 1024 * 1024);
        var sink = new SpecSink();

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, stdin, Env, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.MalformedInput, "larger than the 64 MiB limit");
        Assert.Equal(64 * 1024 * 1024, SinkApp.MaxStdinBytes);
        Assert.Equal(SinkApp.MaxStdinBytes + 1L, stdin.BytesRead);
        Assert.Null(sink.Invocation);
    }

    [Theory]
    [InlineData(1000, 999, true)]
    [InlineData(1000, 1000, true)]
    [InlineData(1000, 1001, false)]
    [InlineData(100_000, 250_000, false)]
    public async Task Reading_stdin_stops_one_byte_past_the_cap(int cap, long length, bool accepted)
    {
        // Arrange
        var stream = new CountingStream(length);

        // Act
        var bytes = await SinkApp.ReadCappedAsync(stream, cap, Ct);

        // Assert
        Assert.Equal(accepted, bytes is not null);
        Assert.Equal(Math.Min(length, cap + 1L), stream.BytesRead);
        if (accepted)
            Assert.Equal(length, bytes!.Length);
    }

    [Fact]
    public async Task A_missing_required_env_var_exits_2_naming_it_before_stdin_is_read()
    {
        // Arrange
        var env = new Dictionary<string, string>(Env);
        env.Remove(UrlVar);
        var stdin = new CountingStream(100, (byte)'x'); // malformed too: config must win
        var sink = new SpecSink();

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, stdin, env, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.InvalidConfig, $"{UrlVar} is not set (where to write)");
        Assert.Equal(0, stdin.BytesRead);
        Assert.Null(sink.Invocation);
    }

    [Fact]
    public async Task A_blank_required_env_var_counts_as_missing()
    {
        // Arrange
        var env = new Dictionary<string, string>(Env) { [UrlVar] = "   " };

        // Act
        var run = await SinkRun.InProcessAsync(new SpecSink().Definition, PayloadJson, env, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.InvalidConfig, UrlVar);
    }

    [Fact]
    public async Task Help_exits_0_and_lists_every_env_var_without_needing_config_or_stdin()
    {
        // Arrange
        var sink = new SpecSink();
        var stdin = new CountingStream(10);

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, stdin, env: null, args: ["--help"], cancellationToken: Ct);

        // Assert
        Assert.Equal(SinkExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.StartsWith("peepshow-sink-spec ", run.Stdout, StringComparison.Ordinal);
        foreach (var doc in sink.Definition.Info.Environment)
            Assert.Contains(doc.Name, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--dry-run", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, stdin.BytesRead);
    }

    [Fact]
    public async Task Version_exits_0_with_one_line_naming_the_sink_and_its_version()
    {
        // Act
        var run = await SinkRun.InProcessAsync(new SpecSink().Definition, "", env: null, args: ["--version"], cancellationToken: Ct);

        // Assert
        Assert.Equal(SinkExitCodes.Ok, run.ExitCode);
        var line = Assert.Single(run.StdoutLines);
        Assert.StartsWith($"peepshow-sink-spec {SinkApp.Version}", line, StringComparison.Ordinal);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task A_sink_released_on_its_own_schedule_reports_its_own_version()
    {
        // Arrange
        var definition = new SpecSink().Definition;
        definition = definition with { Info = definition.Info with { Version = "3.1.4" } };

        // Act
        var version = await SinkRun.InProcessAsync(definition, "", env: null, args: ["--version"], cancellationToken: Ct);
        var help = await SinkRun.InProcessAsync(definition, "", env: null, args: ["--help"], cancellationToken: Ct);

        // Assert
        Assert.Equal($"peepshow-sink-spec 3.1.4 (protocol {RunPayload.CurrentSchemaVersion})", Assert.Single(version.StdoutLines));
        Assert.StartsWith("peepshow-sink-spec 3.1.4: a sink for specs", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dry_run_reaches_the_sink_and_positional_arguments_pass_through_in_order()
    {
        // Arrange
        var sink = new SpecSink();

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, PayloadJson, Env, args: ["first", "--dry-run", "/tmp/second", "-x"], cancellationToken: Ct);

        // Assert
        Assert.Equal(SinkExitCodes.Ok, run.ExitCode);
        Assert.True(sink.Invocation!.DryRun);
        Assert.Equal(["first", "/tmp/second", "-x"], sink.Invocation.Arguments);
    }

    [Fact]
    public async Task An_unknown_option_exits_2_naming_it()
    {
        // Arrange
        var sink = new SpecSink();

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, PayloadJson, Env, args: ["--table=x"], cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.InvalidConfig, "unknown option '--table=x'");
        Assert.Null(sink.Invocation);
    }

    [Fact]
    public async Task A_terminal_on_stdin_exits_4_instead_of_waiting_forever()
    {
        // Act
        var run = await SinkRun.InProcessAsync(new SpecSink().Definition, new CountingStream(0), Env, stdinIsTerminal: true, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.MalformedInput, "stdin is a terminal");
    }

    [Theory]
    [InlineData(SinkExitCodes.InvalidConfig)]
    [InlineData(SinkExitCodes.MissingDependency)]
    [InlineData(SinkExitCodes.RemoteFailure)]
    public async Task A_sink_exception_exits_with_its_code_and_message(int code)
    {
        // Arrange
        var sink = new SpecSink((_, _) => throw new SinkException(code, "Databricks 403: PERMISSION_DENIED"));

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, PayloadJson, Env, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, code, "Databricks 403: PERMISSION_DENIED");
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task A_multi_line_error_is_still_one_stderr_line()
    {
        // Arrange: remote error bodies are often pretty-printed JSON
        var sink = new SpecSink((_, _) => throw SinkException.Remote("Stargate 400:\n{\r\n  \"description\": \"bad\"\n}"));

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, PayloadJson, Env, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.RemoteFailure, "Stargate 400:");
        Assert.Contains("\"description\": \"bad\"", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exception_exits_1_with_one_line()
    {
        // Arrange
        var sink = new SpecSink((_, _) => throw new InvalidOperationException("a bug"));

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, PayloadJson, Env, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, 1, "unexpected error: InvalidOperationException: a bug");
    }

    [Fact]
    public async Task A_secret_env_value_is_redacted_from_stdout_and_stderr()
    {
        // Arrange
        var sink = new SpecSink(async (run, ct) =>
        {
            await run.Out.WriteLineAsync($"POST /v1 Authorization: Bearer {Secret}");
            run.Error.WriteLine($"token={Secret}");
            return $"wrote with {Secret}";
        });

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, PayloadJson, Env, args: ["--dry-run"], cancellationToken: Ct);

        // Assert
        Assert.Equal(SinkExitCodes.Ok, run.ExitCode);
        Assert.DoesNotContain(Secret, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["POST /v1 Authorization: Bearer ***", "wrote with ***"], run.StdoutLines);
        Assert.Equal(["token=***"], run.StderrLines);
    }

    public static TheoryData<string, string> ControlCharacters => new()
    {
        { TokenVar, Secret + "\r\nX-Evil: 1" },
        { TokenVar, Secret + "\n" },
        { TokenVar, "\r" + Secret },
        { TokenVar, Secret + "\0" },
        { TokenVar, Secret + "\u001b[0m" },
        { TokenVar, Secret + "\u007f" },
        { TokenVar, Secret + "\u0085" },
        { UrlVar, "https://warehouse.example.com/\r\nX-Evil: 1" },
        { "SPEC_SINK_TABLE", "runs\tx" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task A_config_value_with_a_control_character_exits_2_naming_the_variable_but_never_its_value(string variable, string value)
    {
        // Arrange: every declared variable is checked before the sink runs, even one it reads only while writing.
        var sink = new SpecSink((run, _) => Task.FromResult(run.Environment.GetOrDefault("SPEC_SINK_TABLE", "peepshow_runs")));
        var env = new Dictionary<string, string>(Env) { [variable] = value };

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, PayloadJson, env, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.InvalidConfig, $"{variable} contains a control character");
        Assert.DoesNotContain(Secret, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Evil", run.Stderr, StringComparison.Ordinal);
        Assert.Null(sink.Invocation);
    }

    [Fact]
    public async Task A_secret_in_an_error_message_is_redacted()
    {
        // Arrange
        var sink = new SpecSink((_, _) => throw SinkException.Remote($"401 for token {Secret}"));

        // Act
        var run = await SinkRun.InProcessAsync(sink.Definition, PayloadJson, Env, cancellationToken: Ct);

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.RemoteFailure, "401 for token ***");
        Assert.DoesNotContain(Secret, run.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 10000)]
    public async Task Cancellation_exits_130()
    {
        // Arrange
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var started = new TaskCompletionSource();
        var sink = new SpecSink(async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return "never";
        });

        // Act
        var running = SinkRun.InProcessAsync(sink.Definition, new MemoryStream(Encoding.UTF8.GetBytes(PayloadJson)), Env, cancellationToken: cts.Token);
        await started.Task.WaitAsync(Ct);
        await cts.CancelAsync();
        var run = await running;

        // Assert
        AssertOneErrorLine(run, SinkExitCodes.Interrupted, "interrupted");
        Assert.Equal("", run.Stdout);
    }

    private static void AssertOneErrorLine(SinkRun run, int exitCode, string fragment)
    {
        Assert.Equal(exitCode, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Equal(line + "\n", run.Stderr);
        Assert.StartsWith(Prefix, line, StringComparison.Ordinal);
        Assert.Contains(fragment, line, StringComparison.Ordinal);
    }
}
