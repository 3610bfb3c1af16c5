namespace Peepshow.Sinks.EventTrack.Tests;

/// <summary>A clock stopped at one instant, for specs about event time; timers still run on the system clock.</summary>
internal sealed class FrozenClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
