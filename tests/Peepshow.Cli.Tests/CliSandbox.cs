using Peepshow.Core.Outbox;
using Peepshow.Testing;

namespace Peepshow.Cli.Tests;

/// <summary>
/// The real peepshow (<see cref="PeepshowProcess"/>, its own PEEPSHOW_HOME) with a sink folder of the
/// spec's own on <c>PEEPSHOW_SINK_PATH</c>.
/// </summary>
internal sealed class CliSandbox : IDisposable
{
    private readonly TempDir _dir = new();

    public CliSandbox() =>
        Process = new PeepshowProcess()
            .WithEnvironment("PEEPSHOW_SINK_PATH", SinkDir)
            .WithEnvironment("PEEPSHOW_AUTO_SINKS_FILE", null)
            .WithEnvironment("PEEPSHOW_SINK_TIMEOUT_SECONDS", null)
            .WithEnvironment(DummySink.Env.Exit, null)
            .WithEnvironment(DummySink.Env.RecordDir, null);

    public PeepshowProcess Process { get; }

    public string Home => Process.Home;

    public string SinkDir => Directory.CreateDirectory(_dir.Combine("sinks")).FullName;

    public string SinksFile => Path.Combine(Home, "sinks.json");

    public SinkOutbox Outbox => new(Path.Combine(Home, "outbox"));

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public Task<CliResult> Peepshow(params string[] args) => Process.RunAsync(TestContext.Current.CancellationToken, args);

    public void Dispose()
    {
        Process.Dispose();
        _dir.Dispose();
    }
}
