namespace Peepshow.Core.Sinks;

/// <summary>What <see cref="SinkDispatcher.RetryAsync"/> did with the entries it was given.</summary>
public sealed record RetryReport(int Delivered, int Failed, int Busy)
{
    public bool AllDelivered => Failed == 0 && Busy == 0;
}
