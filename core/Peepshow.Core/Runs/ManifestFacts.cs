using Peepshow.Core.Sinks;

namespace Peepshow.Core.Runs;

/// <summary>What manifest.json adds to the payload.</summary>
public sealed record ManifestFacts
{
    public required string PeepshowVersion { get; init; }

    /// <summary>The command line, one argument per item (data URIs shortened).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    public required ManifestHost Host { get; init; }

    public IReadOnlyList<SinkResult> Sinks { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public int ExitCode { get; init; }

    public double ElapsedMs { get; init; }
}
