namespace Peepshow.Core.History;

/// <summary>One run of the history.</summary>
/// <param name="Line">1-based line number in <c>runs.jsonl</c>.</param>
/// <param name="Missing">True when the run's manifest.json is gone (its folder deleted or moved by hand, or a temp cleaner).</param>
public sealed record RunHistoryEntry(RunRecord Record, int Line, bool Missing);
