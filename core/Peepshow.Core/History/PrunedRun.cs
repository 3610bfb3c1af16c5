namespace Peepshow.Core.History;

/// <summary>One pruned run: the bytes its files took, and whether its folder stayed because it holds files the run did not write.</summary>
public sealed record PrunedRun(RunHistoryEntry Entry, long BytesFreed, bool FolderLeft);
