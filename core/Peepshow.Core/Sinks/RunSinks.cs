using Peepshow.Core.AutoSinks;
using Peepshow.Core.Outbox;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Sinks;

/// <summary>
/// The sinks of one run: the CLI's <c>--sink</c>/<c>--sink-cmd</c> list, then (unless
/// <c>--no-auto-sinks</c>) the auto-sinks file, all from the environment peepshow runs in.
/// </summary>
public sealed class RunSinks(IReadOnlyList<SinkSpec> cliSinks, bool autoSinks, TextWriter stderr, Func<string, string?>? env = null)
{
    private readonly Func<string, string?> _env = env ?? Environment.GetEnvironmentVariable;

    public IReadOnlyList<SinkSpec> CliSinks { get; } = cliSinks;

    public bool AutoSinks { get; } = autoSinks;

    /// <summary>Delivers <paramref name="payloadBytes"/> (exactly what <c>--emit json</c> prints) to every sink; never throws for a sink.</summary>
    public async Task<IReadOnlyList<SinkResult>> DispatchAsync(RunPayload payload, ReadOnlyMemory<byte> payloadBytes, CancellationToken cancellationToken)
    {
        IReadOnlyList<SinkSpec> auto = [];
        if (AutoSinks)
        {
            try
            {
                auto = await AutoSinkStore.FromEnvironment(_env).LoadAsync(cancellationToken);
            }
            catch (PeepshowException ex)
            {
                // A broken sinks.json must not cost the user a finished extraction.
                await stderr.WriteLineAsync($"peepshow: auto-sinks skipped: {ex.Message}");
            }
        }
        if (CliSinks.Count == 0 && auto.Count == 0)
            return [];

        var runner = SinkRunner.FromEnvironment(_env, warn: w => stderr.WriteLine($"peepshow: {w}"));
        var dispatcher = new SinkDispatcher(runner, SinkOutbox.FromEnvironment(_env), stderr);
        return await dispatcher.DispatchAsync(payload, payloadBytes, CliSinks, auto, cancellationToken);
    }
}
