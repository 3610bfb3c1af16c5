using Peepshow.Core.Outbox;
using Peepshow.Core.Processes;
using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;
using Peepshow.Testing;

namespace Peepshow.Core.Tests.Sinks;

/// <summary>
/// A temp folder holding a sink folder (the only place sinks are looked up, then /usr/bin:/bin), an
/// outbox, and the stderr the dispatcher relays to.
/// </summary>
internal sealed class SinkSandbox : IDisposable
{
    private readonly TempDir _dir = new();

    public StringWriter Stderr { get; } = new() { NewLine = "\n" };

    public string SinkDir => Directory.CreateDirectory(_dir.Combine("sinks")).FullName;

    public SinkOutbox Outbox => new(_dir.Combine("home", "outbox"));

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public RunPayload Payload(string folder = "run") => RunPayloads.Sample(_dir.Combine(folder));

    public SinkDispatcher Dispatcher(TimeSpan? timeout = null) =>
        new(new SinkRunner(new SinkLocator([SinkDir], "/usr/bin:/bin", _dir.Path), timeout ?? TimeSpan.FromSeconds(60)), Outbox, Stderr)
        {
            Secrets = SecretRedaction.FromEnvironment(EnvironmentVariables.Process),
        };

    public Task<IReadOnlyList<SinkResult>> DispatchAsync(IReadOnlyList<SinkSpec> cli, IReadOnlyList<SinkSpec>? auto = null, TimeSpan? timeout = null)
    {
        var payload = Payload();
        return Dispatcher(timeout).DispatchAsync(payload, RunPayloads.Bytes(payload), cli, auto ?? [], TestContext.Current.CancellationToken);
    }

    public void Dispose() => _dir.Dispose();
}
