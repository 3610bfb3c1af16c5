using Peepshow.Core.Sinks;
using Peepshow.Protocol.Payload;

namespace Peepshow.Core.Runs;

/// <summary>What a successful run produced: the payload, where the manifest went, and hints for the user.</summary>
public sealed record RunResult(RunPayload Payload, string ManifestPath, IReadOnlyList<string> Hints, IReadOnlyList<SinkResult> Sinks);
