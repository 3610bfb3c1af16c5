using Peepshow.Protocol.Rows;
using Peepshow.Testing;

namespace Peepshow.Protocol.Tests;

/// <summary>peepshow-sink-dummy as a real process: the SinkApp host behind a real pipe, env and exit code.</summary>
public sealed class DummySinkProcessSpecs
{
    [Fact(Timeout = 60000)]
    public async Task The_dummy_sink_records_the_piped_bytes_and_prints_its_success_line()
    {
        // Arrange
        using var record = new TempDir();
        var payload = Payloads.FullyPopulated();
        var stdin = ProtocolJson.SerializeToUtf8(payload);
        var env = new Dictionary<string, string> { [DummySink.Env.RecordDir] = record.Path, [EnvNames.Protocol] = "1" };

        // Act
        var run = await DummySink.RunAsync(stdin, env, ["s3://bucket/runs", "second"], TestContext.Current.CancellationToken);

        // Assert
        Assert.True(run.ExitCode == SinkExitCodes.Ok, run.Stderr);
        Assert.Equal([$"dummy: received run {StandardRowMapper.RunIdOf(payload)}"], run.StdoutLines);
        Assert.Equal("", run.Stderr);
        var recorded = DummySink.ReadRecord(record.Path);
        Assert.Equal(stdin, recorded.Stdin);
        Assert.Equal(["s3://bucket/runs", "second"], recorded.Args);
        Assert.Contains($"{EnvNames.Protocol}=1", recorded.Env);
    }

    [Fact(Timeout = 60000)]
    public async Task The_dummy_sink_exits_with_the_code_DUMMY_SINK_EXIT_asks_for()
    {
        // Arrange
        var stdin = ProtocolJson.SerializeToUtf8(Payloads.Minimal());
        var env = new Dictionary<string, string> { [DummySink.Env.Exit] = SinkExitCodes.RemoteFailure.ToString() };

        // Act
        var run = await DummySink.RunAsync(stdin, env, cancellationToken: TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(SinkExitCodes.RemoteFailure, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("peepshow-sink-dummy: ", line, StringComparison.Ordinal);
        Assert.Contains(DummySink.Env.Exit, line, StringComparison.Ordinal);
    }
}
