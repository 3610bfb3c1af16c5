using Peepshow.Protocol.Payload;

namespace Peepshow.Protocol.Hosting;

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
