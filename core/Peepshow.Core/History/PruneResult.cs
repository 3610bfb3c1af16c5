namespace Peepshow.Core.History;

/// <summary>
/// What pruning did: the runs deleted or forgotten, the runs kept because a delivery of theirs is pending, and those
/// kept because another run is working in their folder.
/// </summary>
public sealed record PruneResult(IReadOnlyList<PrunedRun> Pruned, IReadOnlyList<RunHistoryEntry> KeptPending, IReadOnlyList<RunHistoryEntry> KeptInUse)
{
    public long BytesFreed => Pruned.Sum(p => p.BytesFreed);
}
