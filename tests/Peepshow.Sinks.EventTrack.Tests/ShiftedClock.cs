namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>The system clock moved to start at <paramref name="start"/>: it keeps running, so retry budgets and waits behave as usual.</summary>
internal sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
