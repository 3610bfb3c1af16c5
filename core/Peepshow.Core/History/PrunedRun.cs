namespace Peepshow.Core.History;

/// <summary>One pruned run: the bytes its files took, and whether its folder stayed because it holds files the run did not write.</summary>
public sealed record PrunedRun(RunHistoryEntry Entry, long BytesFreed, bool FolderLeft)
{
    /// <summary>The run that reused the folder since (<c>-o</c> again): nothing was deleted, the old run was only forgotten.</summary>
    public string? ReplacedBy { get; init; }
}
