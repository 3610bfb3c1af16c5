namespace Peepshow.Demo;

/// <summary>Every shipped sink's demo, in the order the demo shows them.</summary>
public static class SinkDemos
{
    public static IReadOnlyList<ISinkDemo> All { get; } = [new DatabricksDemo(), new CassandraDemo(), new EventTrackDemo()];
}
