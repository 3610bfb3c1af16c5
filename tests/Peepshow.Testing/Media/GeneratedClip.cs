namespace Peepshow.Testing.Media;

/// <summary>A generated clip and what is in it: the time span of each slide or shot, for asserting coverage.</summary>
public sealed record GeneratedClip(string Path, IReadOnlyList<Segment> Segments)
{
    public double Duration => Segments.Count == 0 ? 0 : Segments[^1].End;

    /// <summary>The segment of each timestamp, in order (-1 for none): which slides or shots the frames show.</summary>
    public IReadOnlyList<int> SegmentsOf(IEnumerable<double?> timestamps) => timestamps.Select(t => SegmentAt(t ?? -1)).ToList();

    /// <summary>The segment a timestamp falls in, or -1.</summary>
    public int SegmentAt(double seconds)
    {
        for (var i = 0; i < Segments.Count; i++)
        {
            if (seconds >= Segments[i].Start && seconds < Segments[i].End)
                return i;
        }
        return seconds >= Duration && Segments.Count > 0 ? Segments.Count - 1 : -1;
    }
}
