namespace Peepshow.Protocol.Hosting;

/// <summary>Everything <see cref="SinkApp"/> needs to host a sink: what it is, how it reads its config, how it writes.</summary>
/// <param name="ReadConfig">Reads env; throws <see cref="SinkException"/> (exit 2) naming a missing or invalid variable.</param>
/// <param name="WriteAsync">Delivers the payload and returns the one success line printed on stdout.</param>
public sealed record SinkDefinition<TConfig>(
    SinkInfo Info,
    Func<SinkEnvironment, TConfig> ReadConfig,
    Func<SinkInvocation<TConfig>, CancellationToken, Task<string>> WriteAsync);
