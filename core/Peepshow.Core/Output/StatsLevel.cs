namespace Peepshow.Core.Output;

/// <summary><c>--stats</c>: how much of the run's numbers accompany the frames.</summary>
public enum StatsLevel
{
    Off,
    Short,
    Full,
}
