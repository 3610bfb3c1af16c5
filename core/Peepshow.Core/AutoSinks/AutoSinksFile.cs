using Peepshow.Core.Sinks;

namespace Peepshow.Core.AutoSinks;

/// <summary>
/// <c>~/.peepshow/sinks.json</c>, format version 1 (docs/PLUGINS.md):
/// <c>{"version":1,"sinks":[{"kind":"name","name":"databricks","args":[],"when":[{"key":"extension","values":["mp4"]}]},
/// {"kind":"cmd","command":"peepshow-sink-cassandra","args":[],"when":[]}]}</c>.
/// Unknown members are ignored so a newer minor addition does not break an older peepshow.
/// </summary>
public sealed record AutoSinksFile
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public IReadOnlyList<SinkSpec> Sinks { get; init => field = value ?? []; } = [];
}
