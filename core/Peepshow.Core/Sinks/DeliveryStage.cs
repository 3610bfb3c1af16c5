using System.Text;
using Peepshow.Core.AutoSinks;
using Peepshow.Core.Outbox;
using Peepshow.Core.Processes;
using Peepshow.Core.Output;
using Peepshow.Core.Runs;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Sinks;

/// <summary>
/// The sinks of one run (the run's <see cref="IDeliveryStage"/>): the CLI's <c>--sink</c>/<c>--sink-cmd</c>
/// list, then (unless <c>--no-auto-sinks</c>) the auto-sinks file, all from the environment peepshow runs in.
/// The auto-sinks file is read and the outbox checked before extraction (<see cref="PrepareAsync"/>): when a
/// delivery could not be kept, the run is refused with exit 8 instead of losing it.
/// </summary>
/// <param name="environment">What peepshow runs with; every sink process gets its changes too.</param>
/// <param name="workingDirectory">The folder peepshow was started in: relative state paths and sink folders start there, and sinks run there.</param>
public sealed class DeliveryStage(IReadOnlyList<SinkSpec> cliSinks, bool autoSinks, TextWriter stderr, EnvironmentVariables environment, string workingDirectory) : IDeliveryStage
{
    private readonly Func<string, string?> _env = environment.Get;
    private IReadOnlyList<SinkSpec>? _autoSinks;

    public IReadOnlyList<SinkSpec> CliSinks { get; } = cliSinks;

    public bool AutoSinks { get; } = autoSinks;

    /// <summary>Sinks get exactly the bytes <c>--emit json</c> prints, so pipe mode and <c>--sink</c> deliver the same payload.</summary>
    public static byte[] PayloadBytes(RunPayload payload) =>
        Encoding.UTF8.GetBytes(RunOutput.Render(payload, EmitFormat.Json, StatsLevel.Off));

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _autoSinks = AutoSinks ? await AutoSinkStore.FromEnvironment(_env, workingDirectory).LoadAsync(cancellationToken) : [];
        if (CliSinks.Count > 0 || _autoSinks.Count > 0)
            SinkOutbox.FromEnvironment(_env, workingDirectory).EnsureWritable();
    }

    public Task<IReadOnlyList<SinkResult>> DeliverAsync(DeliveryContext context, CancellationToken cancellationToken) =>
        DeliverAsync(context.Payload, PayloadBytes(context.Payload), cancellationToken, context.Progress);

    /// <summary>Delivers <paramref name="payloadBytes"/> to every sink; never throws for a sink.</summary>
    public async Task<IReadOnlyList<SinkResult>> DeliverAsync(
        RunPayload payload, ReadOnlyMemory<byte> payloadBytes, CancellationToken cancellationToken, IRunProgress? progress = null)
    {
        var relay = progress is null ? stderr : new LineWriter(progress.Message);
        // Read again only when not prepared; an unusable file then fails the run (exit 8) rather than drop its deliveries.
        var auto = _autoSinks ?? (AutoSinks ? await AutoSinkStore.FromEnvironment(_env, workingDirectory).LoadAsync(cancellationToken) : []);
        if (CliSinks.Count == 0 && auto.Count == 0)
            return [];

        var runner = SinkRunner.FromEnvironment(environment, workingDirectory, warn: w => relay.WriteLine($"peepshow: {w}"));
        var dispatcher = new SinkDispatcher(runner, SinkOutbox.FromEnvironment(_env, workingDirectory), relay)
        {
            Progress = progress,
            Secrets = SecretRedaction.FromEnvironment(environment),
        };
        return await dispatcher.DispatchAsync(payload, payloadBytes, CliSinks, auto, cancellationToken);
    }

    /// <summary>Hands each complete line to <paramref name="onLine"/>.</summary>
    private sealed class LineWriter(Action<string> onLine) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                onLine(_line.ToString());
                _line.Clear();
            }
            else if (value != '\r')
            {
                _line.Append(value);
            }
        }
    }
}
