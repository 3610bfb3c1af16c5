namespace Peepshow.Core.History;

/// <summary>What reading the history found: the runs, oldest first, and the count of lines that were not a run.</summary>
public sealed record RunHistoryReading(IReadOnlyList<RunHistoryEntry> Entries, int UnreadableLines);
