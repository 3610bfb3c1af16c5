namespace Peepshow.Core.Extraction;

/// <summary>What the user asked for (the flags), plus the tuning constants of the selector.</summary>
public sealed record SelectionOptions
{
    public const double DefaultThreshold = 0.3;
    public const int DefaultMin = 4;
    public const int DefaultMax = 40;
    public const int DefaultDedupDistance = 5;

    /// <summary>The slowest <c>--fps</c>: one frame every 1000 s.</summary>
    public const double MinFps = 0.001;

    /// <summary>The fastest <c>--fps</c>: more than any source has.</summary>
    public const double MaxFps = 120;

    /// <summary>Scene-cut threshold on ffmpeg's 0–1 scene score; also scales the content-change sensitivity.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>Fewer frames than this → even samples are added (then deduplicated).</summary>
    public int Min { get; init; } = DefaultMin;

    /// <summary>More frames than this → evenly pruned, first and last kept.</summary>
    public int Max { get; init; } = DefaultMax;

    /// <summary>Fixed sampling rate (<c>--fps</c>): skips detection.</summary>
    public double? Fps { get; init; }

    public DedupMode Dedup { get; init; } = DedupMode.On;

    /// <summary>dHash Hamming distance at or below which a frame may be a near-duplicate (0–64).</summary>
    public int DedupDistance { get; init; } = DefaultDedupDistance;

    /// <summary>A changed region must stay unchanged this long before it counts as new content.</summary>
    public double SettleSeconds { get; init; } = 0.3;

    /// <summary>
    /// A change of one or two blocks (a digit, a word, a cursor) must stay this long: long enough that a
    /// blinking cursor or a ticking clock never counts, short enough for any slide or page.
    /// </summary>
    public double SmallChangeSettleSeconds { get; init; } = 1.0;

    /// <summary>
    /// Changes up to this many (overlapping) blocks are "small" (see <see cref="SmallChangeSettleSeconds"/>):
    /// a changed digit or a cursor touches four to nine.
    /// </summary>
    public int SmallChangeBlocks { get; init; } = 9;

    /// <summary>After a cut, the least-moving frame within this window represents the new shot.</summary>
    public double CutSettleSeconds { get; init; } = 1.0;

    /// <summary>
    /// Share of blocks that must differ strongly (<see cref="DriftBlockThreshold"/>) from the last kept frame
    /// before continuous motion earns a coverage frame.
    /// </summary>
    public double DriftFraction { get; init; } = 0.5;

    /// <summary>Coverage frames are at least this far apart; the run raises it to span/max for long videos.</summary>
    public double CoverageMinGapSeconds { get; init; } = 3.0;

    /// <summary>A content change must have happened within this long (see the selector's abruptness check).</summary>
    public double AbruptnessSeconds { get; init; } = 1.0;

    /// <summary>How many recently kept frames a candidate is compared against for near-duplicates.</summary>
    public int DedupWindow { get; init; } = 8;

    /// <summary>
    /// Block change score (see <see cref="ImageMath.BlockDiffs"/>) above which a block counts as changed.
    /// Tied to the threshold so that <c>--threshold</c> is the one sensitivity knob: 0.3 → 6, which a
    /// changed digit on a 1280×720 slide clears while clean static video scores 0 and camera noise 1–3.
    /// </summary>
    public double ContentBlockThreshold => Math.Clamp(20 * Threshold, 2, 40);

    /// <summary>A block "moved away" from the last kept frame for coverage purposes: 0.3 → 15.</summary>
    public double DriftBlockThreshold => Math.Clamp(50 * Threshold, 5, 80);

    /// <summary>A changed block is "settled" while it moves less than this between samples.</summary>
    public double StableBlockThreshold => ContentBlockThreshold / 2;

    /// <summary>
    /// Near-duplicates may differ per block by at most this much: half the content threshold, so two
    /// slides that differ by one similar-looking digit ("7" and "1") are never merged. Scales with
    /// <c>--dedup-distance</c>.
    /// </summary>
    public double DuplicateBlockThreshold => ContentBlockThreshold / 2 * DedupDistance / DefaultDedupDistance;

    public bool IsFixedRate => Fps is not null;
}
