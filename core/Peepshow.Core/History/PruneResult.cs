namespace Peepshow.Core.History;

/// <summary>What pruning did: the runs deleted or forgotten, and the runs kept because a delivery of theirs is pending.</summary>
public sealed record PruneResult(IReadOnlyList<PrunedRun> Pruned, IReadOnlyList<RunHistoryEntry> KeptPending)
{
    public long BytesFreed => Pruned.Sum(p => p.BytesFreed);
}
