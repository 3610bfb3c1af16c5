namespace Peepshow.Core.Extraction;

/// <summary><c>--dedup</c>: drop near-duplicates always, only among fixed-rate samples, or never.</summary>
public enum DedupMode
{
    On,
    Auto,
    Off,
}
