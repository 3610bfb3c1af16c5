using Peepshow.Protocol.Payload;

namespace Peepshow.Protocol.Hosting;

/// <summary>Everything <see cref="SinkApp"/> needs to host a sink: what it is, how it reads its config, how it writes.</summary>
/// <param name="ReadConfig">Reads env; throws <see cref="SinkException"/> (exit 2) naming a missing or invalid variable.</param>
/// <param name="WriteAsync">Delivers the payload and returns the one success line printed on stdout.</param>
public sealed record SinkDefinition<TConfig>(
    SinkInfo Info,
    Func<SinkEnvironment, TConfig> ReadConfig,
    Func<SinkInvocation<TConfig>, CancellationToken, Task<string>> WriteAsync);

/// <summary>What <c>--help</c> shows. Variables marked <see cref="EnvVarDoc.Secret"/> are redacted from all output.</summary>
/// <param name="Version">
/// The sink's own version for <c>--version</c> and <c>--help</c>. A sink released on its own schedule sets
/// it; null means the version of this protocol library, which is peepshow's for the sinks that ship with it.
/// </param>
public sealed record SinkInfo(string Name, string Summary, IReadOnlyList<EnvVarDoc> Environment, string? Version = null)
{
    public string ExecutableName => SinkName.ExecutablePrefix + Name;

    public string DisplayVersion => Version ?? SinkApp.Version;
}

public sealed record EnvVarDoc(string Name, string Description, bool Required = false, string? Default = null, bool Secret = false);

/// <summary>One delivery: the parsed payload, the sink's config, and where to print.</summary>
/// <param name="Arguments">Extra tokens from <c>--sink name:arg1:arg2</c>.</param>
/// <param name="Out">stdout, already redacting secrets. Print request dumps here in dry-run mode.</param>
/// <param name="Error">stderr, already redacting secrets. Diagnostics only; peepshow shows it when the sink fails.</param>
public sealed record SinkInvocation<TConfig>(
    TConfig Config,
    RunPayload Payload,
    bool DryRun,
    IReadOnlyList<string> Arguments,
    SinkEnvironment Environment,
    TextWriter Out,
    TextWriter Error,
    TimeProvider Time)
{
    /// <summary>The exact bytes read from stdin, for sinks that forward or store the payload untouched.</summary>
    public ReadOnlyMemory<byte> RawPayload { get; init; }
}
