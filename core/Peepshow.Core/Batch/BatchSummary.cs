namespace Peepshow.Core.Batch;

/// <summary>The counts of a batch, for its summary and exit code.</summary>
public sealed record BatchSummary(int Ok, int Skipped, IReadOnlyList<BatchItem> Failed, int NotRun, TimeSpan Elapsed)
{
    public int Finished => Ok + Skipped + Failed.Count;
}
