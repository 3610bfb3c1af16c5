using System.Diagnostics;

namespace Peepshow.Core.Extraction;

/// <summary>
/// Chooses the frames worth showing from a stream of tiny analysis pictures (docs/extraction.md), online and in
/// bounded memory: only a look-ahead window of about a second, the last few kept pictures and a small
/// evenly spaced reservoir are held, whatever the length of the video.
/// <list type="bullet">
/// <item>first: the opening picture (the least-moving one of the first second).</item>
/// <item>scene-cut: ffmpeg's scene score crosses <c>--threshold</c>; the least-moving frame of the next
/// second represents the new shot.</item>
/// <item>content-change: part of the picture differs from the last kept frame and then holds still for
/// <see cref="SelectionOptions.SettleSeconds"/>: a new slide, new text on a static screen.</item>
/// <item>coverage: motion has changed a large share of the picture since the last kept frame.</item>
/// <item>fps: even samples when detection found fewer than <c>--min</c>, or everything with <c>--fps</c>.</item>
/// <item>build-complete: the last state of a progressive build (see below).</item>
/// </list>
/// Every candidate must differ from the last kept picture by more than a cursor, is dropped as a near-duplicate
/// when its dHash and its blocks match one of the recently kept pictures, and the survivors are evenly pruned to
/// <c>--max</c>. A candidate stays pending while later candidates only add to it (<see cref="ChangeClassifier"/>):
/// each such addition supersedes it, and the last one is kept when something alters the picture (or the video
/// ends), or the picture just before that alteration if it still only added.
/// </summary>
public sealed class FrameSelector
{
    // Global mean absolute difference under which a frame counts as not moving (0–255 scale).
    private const double StillMafd = 1.0;

    // How soon after a large change a much smaller one still belongs to it (the last steps of a transition).
    private const double TransitionTailSeconds = 0.5;

    // Overlapping blocks a text cursor can touch: a cell up to two block rows high and two wide.
    private const int CursorBlocks = 8;

    /// <summary>
    /// Most bytes of full-size pictures held for the <c>--min</c> fallback beyond the look-ahead window, which
    /// they stay in memory for until enough frames are kept (26 s into the bench clip): 54 pictures of 320×240,
    /// 18 of 640×360 (the default reservoir of 16 fits), 4 of 1280×720 (4:2:0; half as many in 4:4:4 for PNG).
    /// Fallback frames whose picture did not fit are extracted afterwards with a seek. Holding all 16 at
    /// 1280×720 raised the bench's peak RSS by 17 %.
    /// </summary>
    private const long FallbackPictureBudget = 6L * 1024 * 1024;

    private readonly SelectionOptions _options;
    private readonly List<Entry> _window = [];
    private readonly Queue<Entry> _history = new();
    private readonly List<KeptPicture> _recent = [];
    private readonly List<SelectedFrame> _kept = [];
    private readonly Reservoir? _reservoir;
    private readonly IKeptFrameSink? _keptFrames;
    private float[] _blocks = [];
    private float[] _scratch = [];
    private Entry? _previous;
    private Entry? _first;
    private Entry? _skippedBlack;
    private AnalysisImage? _reference;
    private Pending? _pending;
    private Entry? _lastConsumed;
    private double _lastKeepTime = double.NegativeInfinity;
    private int _count;
    private int _deduped;
    private int _classifications;
    private TimeSpan _classifyTime;
    private bool _completed;
    private int _fallbackAdded;
    private bool _holdingForFallback;
    private long _heldBytes;

    /// <summary>One line per decision, for tuning (<c>PEEPSHOW_TRACE_SELECTION=1</c>).</summary>
    public Action<string>? Trace { get; init; }

    /// <param name="keptFrames">
    /// Receives each kept frame's full-size picture (the one passed to <see cref="Push"/>) and owns it from then
    /// on; null when the source extracts kept frames afterwards. Pictures of frames that are not kept are
    /// disposed as soon as they leave the look-ahead window, or, while the <c>--min</c> fallback may still
    /// pick them, once they leave its reservoir or enough frames are kept.
    /// </param>
    public FrameSelector(SelectionOptions options, IKeptFrameSink? keptFrames = null)
    {
        _options = options;
        _keptFrames = keptFrames;
        if (!options.IsFixedRate && options.Min > 0)
            _reservoir = new Reservoir(Math.Clamp(4 * options.Min, 8, 256), LetGo);
        _holdingForFallback = _reservoir is not null && keptFrames is not null;
    }

    private int RecentCapacity => Math.Max(_options.DedupWindow, _options.Min);

    private double LookAheadSeconds =>
        Math.Max(_options.CutSettleSeconds, Math.Max(_options.SettleSeconds, _options.SmallChangeSettleSeconds)) + 0.25;

    /// <summary>
    /// Feeds the next analysis picture; <paramref name="timestampSeconds"/> must increase.
    /// <paramref name="fullFrame"/> optionally carries the full-size picture, handed to the kept-frame sink.
    /// </summary>
    public void Push(double timestampSeconds, AnalysisImage image, PooledFrame? fullFrame = null)
    {
        if (_completed)
            throw new InvalidOperationException("the selector is complete");
        // A decoder can repeat a timestamp after a broken packet; the earlier picture stands.
        if (_previous is not null && timestampSeconds <= _previous.Time)
        {
            fullFrame?.Dispose();
            return;
        }
        if (_blocks.Length < image.Size.BlockCount)
        {
            _blocks = new float[image.Size.BlockCount];
            _scratch = new float[image.Size.BlockCount];
        }
        // A stream that changes size mid-way (concatenated files) restarts the comparisons.
        if (_previous is not null && _previous.Image.Size != image.Size)
        {
            _previous = null;
            _reference = null;
        }

        var entry = new Entry(_count++, timestampSeconds, image, ImageMath.DHash(image)) { Full = fullFrame };
        if (_previous is not null)
        {
            entry.Mafd = ImageMath.BlockDiffs(_previous.Image, image, _blocks);
            entry.Scene = ImageMath.SceneScore(entry.Mafd, _previous.Mafd);
        }
        _previous = entry;
        _first ??= entry;

        if (_options.IsFixedRate)
        {
            ConsiderSample(entry);
            entry.ReleaseFull();
            return;
        }
        if (_reservoir?.Offer(entry) == true)
            HoldForFallback(entry);
        _window.Add(entry);
        Drain(final: false);
    }

    /// <summary>
    /// Decides on the last look-ahead window and adds the <c>--min</c> fallback frames. A frame source calls it
    /// as soon as the decode ends, while it can still take the full-size pictures of frames kept here;
    /// otherwise <see cref="Complete"/> does it. Every picture not handed to the kept-frame sink is released.
    /// </summary>
    public void EndOfStream()
    {
        if (_completed)
            return;
        _completed = true;
        if (!_options.IsFixedRate)
        {
            Drain(final: true);
            FlushPending(null);
            if (_kept.Count < _options.Min && _first is not null)
                _fallbackAdded = AddEvenSamples();
        }
        if (_kept.Count == 0 && (_skippedBlack ?? _first) is { } only)
            Keep(only, FrameReasons.First);
        StopHoldingForFallback();
        var last = _lastConsumed;
        _lastConsumed = null;
        if (last is not null)
            ReleaseIfUnused(last);
        if (!_options.IsFixedRate)
            Trace?.Invoke($"timing: {_classifications} pixel comparisons of candidates (builds, cursors) took {_classifyTime.TotalMilliseconds:0.0} ms");
    }

    public SelectionResult Complete()
    {
        EndOfStream();

        var ordered = _kept.OrderBy(f => f.TimestampSeconds).ToList();
        var pruned = Prune(ordered, _options.Max);
        return new SelectionResult
        {
            Frames = pruned,
            FramesAnalysed = _count,
            FramesBeforePrune = ordered.Count,
            FramesPruned = ordered.Count - pruned.Count,
            FramesDeduped = _deduped,
            FallbackFramesAdded = _fallbackAdded,
            MotionSignalAvg = Motion(pruned),
            FirstTimestamp = _first?.Time,
            LastTimestamp = _previous?.Time,
        };
    }

    /// <summary>Even pruning: indices round(i·(n−1)/(max−1)), so the first and last frames always stay.</summary>
    public static IReadOnlyList<T> Prune<T>(IReadOnlyList<T> frames, int max)
    {
        if (frames.Count <= max)
            return frames;
        if (max <= 1)
            return [frames[0]];
        var kept = new List<T>(max);
        for (var i = 0; i < max; i++)
            kept.Add(frames[(int)Math.Round(i * (frames.Count - 1) / (double)(max - 1), MidpointRounding.AwayFromZero)]);
        return kept;
    }

    private void Drain(bool final)
    {
        while (_window.Count > 0)
        {
            if (!final && _window[^1].Time - _window[0].Time < LookAheadSeconds)
                return;
            var consumed = Decide();
            for (var i = 0; i < consumed; i++)
            {
                // The last decided picture keeps its full-size copy: it may be the end of a build, superseding
                // the pending frame just before the next change.
                var previous = _lastConsumed;
                _lastConsumed = _window[i];
                _lastConsumed.Decided = true;
                if (previous is not null)
                    ReleaseIfUnused(previous);
                _history.Enqueue(_window[i]);
            }
            _window.RemoveRange(0, consumed);
            while (_history.Count > 0 && _window.Count > 0 && _window[0].Time - _history.Peek().Time > _options.AbruptnessSeconds)
                _history.Dequeue();
        }
    }

    /// <summary>Decides about the oldest undecided frame; returns how many frames the decision used up.</summary>
    private int Decide()
    {
        var entry = _window[0];
        if (_reference is null)
        {
            var start = LeastMoving();
            Trace?.Invoke($"{_window[start].Time:0.000} first");
            Consider(_window[start], FrameReasons.First);
            return start + 1;
        }
        if (entry.Scene >= _options.Threshold)
        {
            var best = LeastMoving();
            Trace?.Invoke($"{entry.Time:0.000} scene-cut score={entry.Scene:0.000} -> {_window[best].Time:0.000}");
            Consider(_window[best], FrameReasons.SceneCut);
            return best + 1;
        }

        ImageMath.BlockDiffs(entry.Image, _reference, _blocks);
        var blockCount = entry.Image.Size.BlockCount;
        var changed = CountAbove(_blocks, blockCount, _options.ContentBlockThreshold);
        if (changed == 0)
            return 1;
        if (IsSettled(_blocks, blockCount))
        {
            Trace?.Invoke($"{entry.Time:0.000} content-change changed={changed}");
            Consider(entry, FrameReasons.ContentChange);
            return 1;
        }
        var drifted = CountAbove(_blocks, blockCount, _options.DriftBlockThreshold);
        if (drifted >= _options.DriftFraction * blockCount && entry.Time - _lastKeepTime >= _options.CoverageMinGapSeconds && !IsScrolling())
        {
            if (IsCameraMotionOnly(entry.Image, _reference))
            {
                Trace?.Invoke($"{entry.Time:0.000} camera shake and exposure only");
                return 1;
            }
            // Motion rarely pauses exactly here: the calmest frame of the next second is the sharper picture.
            var best = LeastMoving();
            Trace?.Invoke($"{entry.Time:0.000} coverage drifted={drifted}/{blockCount} -> {_window[best].Time:0.000}");
            Consider(_window[best], FrameReasons.Coverage);
            return best + 1;
        }
        return 1;
    }

    /// <summary>
    /// Every move over the last second (the history up to the frame being decided) was a vertical shift:
    /// output scrolling in a terminal, a page scrolled in a browser. It earns a frame when it stops, not
    /// coverage frames while it runs. Each picture is compared with its predecessor once.
    /// </summary>
    private bool IsScrolling()
    {
        Entry? previous = null;
        var scrolled = false;
        foreach (var entry in _history.Append(_window[0]))
        {
            if (previous is not null && entry.Mafd > StillMafd)
            {
                entry.Scrolled ??= ImageMath.IsVerticalShift(previous.Image, entry.Image);
                if (!entry.Scrolled.Value)
                    return false;
                scrolled = true;
            }
            previous = entry;
        }
        return scrolled;
    }

    /// <summary>
    /// The picture is the reference filmed by a camera that shook a little and re-exposed, with sensor noise:
    /// once shifted by the best offset of up to two pixels and brightened by the mean difference, hardly any
    /// pixel is further than <see cref="ImageMath.StrongChange"/> from every reference pixel around it (the
    /// neighbours absorb the sub-pixel part of the shake). New content on a slide leaves whole strokes without
    /// a match. Asked only before a coverage frame, so its cost (a few passes over the luma) is rare.
    /// </summary>
    private static bool IsCameraMotionOnly(AnalysisImage image, AnalysisImage reference)
    {
        // Up to two analysis pixels of shake; a cell with 16 of its 64 pixels unmatched holds new content, and
        // a new slide leaves dozens of such cells where noise leaves at most a couple.
        const int reach = 2, unmatchedPerCell = 16, newCells = 6;
        var (w, h) = (image.Size.Width, image.Size.Height);
        var (a, b) = (image.Y, reference.Y);
        long sumA = 0, sumB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sumA += a[i];
            sumB += b[i];
        }
        var offset = (int)((sumA - sumB) / a.Length);

        // The shift that matches best, judged on every other pixel of every other row.
        var (bestX, bestY, bestCost) = (0, 0, long.MaxValue);
        for (var dy = -reach; dy <= reach; dy++)
        {
            for (var dx = -reach; dx <= reach; dx++)
            {
                long cost = 0;
                for (var y = reach + 1; y < h - reach - 1; y += 2)
                {
                    for (var x = reach + 1; x < w - reach - 1; x += 2)
                        cost += Math.Abs(a[y * w + x] - offset - b[(y + dy) * w + x + dx]);
                }
                if (cost < bestCost)
                    (bestX, bestY, bestCost) = (dx, dy, cost);
            }
        }

        // Unmatched pixels per 8×8 cell: noise leaves a scattered few in many cells, new content fills cells.
        var cellsX = w / AnalysisImage.CellSize;
        var cells = new int[cellsX * (h / AnalysisImage.CellSize)];
        var filled = 0;
        for (var y = reach + 2; y < h - reach - 2; y++)
        {
            for (var x = reach + 2; x < w - reach - 2; x++)
            {
                var value = a[y * w + x] - offset;
                var nearest = int.MaxValue;
                for (var ny = -1; ny <= 1 && nearest > ImageMath.StrongChange; ny++)
                {
                    for (var nx = -1; nx <= 1; nx++)
                        nearest = Math.Min(nearest, Math.Abs(value - b[(y + bestY + ny) * w + x + bestX + nx]));
                }
                // Real motion fills cells within the first rows: no need to look further once it is decided.
                if (nearest > ImageMath.StrongChange && ++cells[y / AnalysisImage.CellSize * cellsX + x / AnalysisImage.CellSize] == unmatchedPerCell && ++filled > newCells)
                    return false;
            }
        }
        return true;
    }

    /// <summary>The last move before the frame being decided (within the last second) was a vertical scroll.</summary>
    private bool ArrivedByScrolling()
    {
        (Entry Before, Entry After)? last = null;
        Entry? previous = null;
        foreach (var entry in _history.Append(_window[0]))
        {
            if (previous is not null && entry.Mafd > StillMafd)
                last = (previous, entry);
            previous = entry;
        }
        if (last is not { } move)
            return false;
        move.After.Scrolled ??= ImageMath.IsVerticalShift(move.Before.Image, move.After.Image);
        return move.After.Scrolled.Value;
    }

    /// <summary>
    /// Index in the window of the first frame within <see cref="SelectionOptions.CutSettleSeconds"/> (and
    /// before the next cut) that does not move; failing that the one that moves least.
    /// </summary>
    private int LeastMoving()
    {
        var start = _window[0];
        var best = 0;
        var bestMotion = double.MaxValue;
        for (var i = 0; i + 1 < _window.Count; i++)
        {
            var candidate = _window[i];
            if (i > 0 && (candidate.Time - start.Time > _options.CutSettleSeconds || candidate.Scene >= _options.Threshold))
                break;
            var motion = _window[i + 1].Scene >= _options.Threshold ? double.MaxValue : _window[i + 1].Mafd;
            if (motion <= StillMafd)
                return i;
            if (motion < bestMotion)
            {
                bestMotion = motion;
                best = i;
            }
        }
        return best;
    }

    /// <summary>
    /// The blocks that differ from the last kept frame (<paramref name="vsReference"/>) stay put over the
    /// next <see cref="SelectionOptions.SettleSeconds"/>: at least half of them, and at least one. Half, not
    /// all, so a presenter moving in a corner does not hide a slide change.
    /// </summary>
    private bool IsSettled(float[] vsReference, int blockCount)
    {
        var entry = _window[0];
        var changed = new List<int>();
        for (var b = 0; b < blockCount; b++)
        {
            if (vsReference[b] > _options.ContentBlockThreshold)
                changed.Add(b);
        }

        var unstable = new bool[blockCount];
        var unstableCount = 0;
        var moving = new List<int>();
        var span = 0.0;
        var settle = changed.Count <= _options.SmallChangeBlocks ? _options.SmallChangeSettleSeconds : _options.SettleSeconds;
        // Output or a page that scrolled into place pauses between bursts and key presses: it has stopped only
        // once it holds still as long as a small change must.
        if (settle < _options.SmallChangeSettleSeconds && ArrivedByScrolling())
            settle = _options.SmallChangeSettleSeconds;
        for (var i = 1; i < _window.Count && span < settle - 1e-6; i++)
        {
            // Up to the first frame at or past the settle time: at 5 samples a second, or from a
            // slideshow at one frame a second, that is the next frame or two.
            var later = _window[i];
            span = later.Time - entry.Time;
            // Many changed blocks (motion): one vectorised pass over the picture beats block-by-block.
            var whole = changed.Count > 32;
            if (whole)
                ImageMath.BlockDiffs(later.Image, entry.Image, _scratch);
            moving.Clear();
            foreach (var b in changed)
            {
                if (unstable[b])
                    continue;
                var moved = whole ? _scratch[b] : ImageMath.BlockDiff(later.Image, entry.Image, b);
                if (MovesBeyondSettled(moved, vsReference[b]))
                    moving.Add(b);
            }
            // A blinking cursor moves the few blocks it touches all the time, and among the few blocks of a
            // small change (a word typed) they would be half: a picture that differs only by a cursor is still.
            if (moving.Count is > 0 and <= CursorBlocks && Classify(entry.Image, later.Image) == ChangeKind.Cursor)
                moving.Clear();
            foreach (var b in moving)
                unstable[b] = true;
            unstableCount += moving.Count;
            // Most moving pictures fail on the first look; no need to compare the rest.
            if ((changed.Count - unstableCount) * 2 < changed.Count)
                return false;
        }
        // The last moments of a video cannot prove they settled.
        if (span < settle - 1e-6)
            return false;
        if (IsStillMovingThroughout(changed, unstable, unstableCount, entry.Image.Size))
            return false;
        var stable = changed.Where(b => !unstable[b]).ToList();
        if (stable.Count == 0)
            return false;

        // A slow pan or a drifting gradient also "holds still" from one sample to the next; a real change
        // happened recently: most of the difference to the kept frame arrived within the last second.
        if (_history.Count == 0)
            return true;
        ImageMath.BlockDiffs(entry.Image, _history.Peek().Image, _scratch);
        double recent = 0, total = 0;
        foreach (var b in stable)
        {
            recent += _scratch[b];
            total += vsReference[b];
        }
        return recent >= 0.5 * total || MovedWithinHistory(stable, vsReference) >= 0.5 * total;
    }

    /// <summary>
    /// A block that moved <paramref name="moved"/> has not settled. Still means still relative to its change too
    /// (<paramref name="vsReference"/>): a block that moves a tenth of its change again is drifting (a slow pan, a
    /// turning gradient). The 1.0 floor is above the block noise of clean compressed video.
    /// </summary>
    private bool MovesBeyondSettled(double moved, float vsReference) =>
        moved > Math.Max(1.0, Math.Min(_options.StableBlockThreshold, 0.1 * vsReference));

    /// <summary>
    /// How far the <paramref name="blocks"/> travelled over the last second, step by step, counting a step only
    /// where a block moved more than a settled block may. Output scrolling through a terminal can end close to
    /// where it was a second ago (log lines that repeat a prefix look alike a few lines apart), yet it moved all
    /// along; a slow pan or a drifting gradient moves too little at each step to count.
    /// </summary>
    private double MovedWithinHistory(List<int> blocks, float[] vsReference)
    {
        double moved = 0;
        Entry? previous = null;
        foreach (var entry in _history.Append(_window[0]))
        {
            if (previous is not null)
            {
                ImageMath.BlockDiffs(entry.Image, previous.Image, _scratch);
                foreach (var b in blocks)
                {
                    if (MovesBeyondSettled(_scratch[b], vsReference[b]))
                        moved += _scratch[b];
                }
            }
            previous = entry;
        }
        return moved;
    }

    /// <summary>
    /// A quarter or more of the changed blocks keep moving and they are spread over most of the changed area:
    /// output scrolling through a terminal (whose repeated prefixes look still line after line while the
    /// numbers in every line move), not a presenter moving in one corner of a new slide.
    /// </summary>
    private static bool IsStillMovingThroughout(List<int> changed, bool[] unstable, int unstableCount, AnalysisSize size)
    {
        if (unstableCount * 4 < changed.Count)
            return false;
        int cx0 = int.MaxValue, cy0 = int.MaxValue, cx1 = -1, cy1 = -1;
        int ux0 = int.MaxValue, uy0 = int.MaxValue, ux1 = -1, uy1 = -1;
        foreach (var b in changed)
        {
            var (y, x) = Math.DivRem(b, size.BlocksX);
            (cx0, cy0, cx1, cy1) = (Math.Min(cx0, x), Math.Min(cy0, y), Math.Max(cx1, x), Math.Max(cy1, y));
            if (unstable[b])
                (ux0, uy0, ux1, uy1) = (Math.Min(ux0, x), Math.Min(uy0, y), Math.Max(ux1, x), Math.Max(uy1, y));
        }
        var changedArea = (cx1 - cx0 + 1) * (cy1 - cy0 + 1);
        var movingArea = (ux1 - ux0 + 1) * (uy1 - uy0 + 1);
        return movingArea * 2 >= changedArea;
    }

    private void Consider(Entry entry, string reason)
    {
        var changed = 0;
        if (_reference is not null && reason != FrameReasons.First)
        {
            ImageMath.BlockDiffs(entry.Image, _reference, _scratch);
            // A flash or a cut back to the same picture: nothing new to show.
            changed = CountAbove(_scratch, entry.Image.Size.BlockCount, _options.ContentBlockThreshold);
            if (changed == 0)
                return;
            // A caret that moved or a cursor that blinked and stayed put: still nothing new.
            if (Classify(_reference, entry.Image) == ChangeKind.Cursor)
            {
                Trace?.Invoke($"{entry.Time:0.000} cursor only");
                return;
            }
        }
        _reference = entry.Image;
        if (ImageMath.IsBlack(entry.Image))
        {
            _skippedBlack ??= entry;
            return;
        }
        if (_options.Dedup == DedupMode.On && IsNearDuplicate(entry))
        {
            Trace?.Invoke($"{entry.Time:0.000} near-duplicate dropped");
            _deduped++;
            return;
        }
        Pend(entry, reason, changed);
    }

    /// <summary>
    /// Holds a candidate back while it may still be the start of a build: a later candidate that only adds to
    /// it takes its place; anything else keeps it, or the last picture before that change if it only added.
    /// </summary>
    private void Pend(Entry entry, string reason, int changed)
    {
        if (_pending is { } pending)
        {
            if (Classify(pending.Entry.Image, entry.Image) == ChangeKind.Addition)
            {
                Trace?.Invoke($"{entry.Time:0.000} build: supersedes {pending.Entry.Time:0.000}");
                Replace(entry, FrameReasons.BuildComplete);
                return;
            }
            // The end of a transition: a slide that slid or faded in looked still before its last few pixels
            // arrived. A much smaller change right after a large one completes it rather than being news.
            if (reason == FrameReasons.ContentChange && pending.Reason != FrameReasons.BuildComplete
                && entry.Time - pending.Entry.Time <= TransitionTailSeconds && changed * 3 <= pending.Changed)
            {
                Trace?.Invoke($"{entry.Time:0.000} transition ends: supersedes {pending.Entry.Time:0.000}");
                var large = pending.Changed;
                Replace(entry, pending.Reason);
                _pending = _pending! with { Changed = large };
                return;
            }
            FlushPending(_lastConsumed is { } before && before.Time < entry.Time ? before : null);
        }
        _pending = new Pending(entry, reason) { Changed = changed };
        _lastKeepTime = entry.Time;
        // Kept and pending frames only ever add up: from here on the fallback cannot be needed.
        if (_kept.Count + 1 >= _options.Min)
            StopHoldingForFallback();
    }

    /// <summary>
    /// Keeps the pending frame, or <paramref name="end"/> (the picture just before the change that ends the
    /// build) when that one still only added to it: content cleared without first holding still.
    /// </summary>
    private void FlushPending(Entry? end)
    {
        if (_pending is not { } pending)
            return;
        if (end is not null && end.Time > pending.Entry.Time && !ImageMath.IsBlack(end.Image)
            && Classify(pending.Entry.Image, end.Image) == ChangeKind.Addition)
        {
            Trace?.Invoke($"{end.Time:0.000} build: ends before the change, supersedes {pending.Entry.Time:0.000}");
            Replace(end, FrameReasons.BuildComplete);
            pending = _pending!;
        }
        _pending = null;
        Keep(pending.Entry, pending.Reason);
        ReleaseIfUnused(pending.Entry);
    }

    private void Replace(Entry entry, string reason)
    {
        var superseded = _pending!.Entry;
        _pending = new Pending(entry, reason);
        _lastKeepTime = entry.Time;
        ReleaseIfUnused(superseded);
    }

    /// <summary>
    /// Drops a decided picture's full-size copy unless it is pending, may still end a build, or may still be a
    /// <c>--min</c> fallback frame.
    /// </summary>
    private void ReleaseIfUnused(Entry entry)
    {
        if (!ReferenceEquals(entry, _pending?.Entry) && !ReferenceEquals(entry, _lastConsumed) && entry.HeldBytes == 0)
            entry.ReleaseFull();
    }

    /// <summary>
    /// While fewer than <c>--min</c> frames are kept, a picture that enters the reservoir keeps its full-size
    /// copy (within <see cref="FallbackPictureBudget"/>), so a fallback frame is written from this decode
    /// instead of a seek and a second decode afterwards.
    /// </summary>
    private void HoldForFallback(Entry entry)
    {
        if (!_holdingForFallback || entry.Full is not { } full || _heldBytes + full.Bytes.Length > FallbackPictureBudget)
            return;
        entry.HeldBytes = full.Bytes.Length;
        _heldBytes += entry.HeldBytes;
    }

    private void Unhold(Entry entry)
    {
        _heldBytes -= entry.HeldBytes;
        entry.HeldBytes = 0;
    }

    /// <summary>The fallback can no longer pick this picture (it left the reservoir, or the fallback is settled).</summary>
    private void LetGo(Entry entry)
    {
        if (entry.HeldBytes == 0)
            return;
        Unhold(entry);
        // Pictures still in the look-ahead window are released when they leave it.
        if (entry.Decided)
            ReleaseIfUnused(entry);
    }

    /// <summary>The fallback is no longer needed (or has been decided): the reservoir's pictures go back.</summary>
    private void StopHoldingForFallback()
    {
        if (!_holdingForFallback)
            return;
        _holdingForFallback = false;
        foreach (var entry in _reservoir!.Entries)
            LetGo(entry);
    }

    /// <summary>Fixed-rate sampling (<c>--fps</c>): every sample is a frame unless it is a near-duplicate.</summary>
    private void ConsiderSample(Entry entry)
    {
        if (_options.Dedup != DedupMode.Off && IsNearDuplicate(entry))
        {
            _deduped++;
            return;
        }
        Keep(entry, FrameReasons.Fps);
    }

    /// <summary>Fewer than <c>--min</c> frames: add evenly spaced samples that are not near a kept frame or a duplicate of one.</summary>
    private int AddEvenSamples()
    {
        var first = _first!.Time;
        var span = _previous!.Time - first;
        var samples = _reservoir?.Entries ?? [];
        if (samples.Count == 0)
            return 0;
        var spacing = span / _options.Min;
        var added = 0;
        var used = new HashSet<int>();
        for (var m = 0; m < _options.Min && _kept.Count < _options.Min; m++)
        {
            var target = first + (m + 0.5) * spacing;
            // A picture that holds still where there is one: not text halfway through scrolling, not motion blur.
            var nearest = samples.Where(s => Math.Abs(s.Time - target) <= spacing / 2 && s.Mafd <= StillMafd).MinBy(s => Math.Abs(s.Time - target))
                ?? samples.MinBy(s => Math.Abs(s.Time - target))!;
            if (!used.Add(nearest.Index) || _kept.Any(k => Math.Abs(k.TimestampSeconds - nearest.Time) <= spacing / 2))
                continue;
            if (ImageMath.IsBlack(nearest.Image))
                continue;
            if (_options.Dedup != DedupMode.Off && IsNearDuplicate(nearest))
            {
                _deduped++;
                continue;
            }
            Keep(nearest, FrameReasons.Fps);
            added++;
        }
        return added;
    }

    /// <summary><see cref="ChangeClassifier.Classify"/>, counted and timed for the trace.</summary>
    private ChangeKind Classify(AnalysisImage before, AnalysisImage after)
    {
        var started = Stopwatch.GetTimestamp();
        var kind = ChangeClassifier.Classify(before, after);
        _classifyTime += Stopwatch.GetElapsedTime(started);
        _classifications++;
        return kind;
    }

    private bool IsNearDuplicate(Entry entry)
    {
        var blocks = entry.Image.Size.BlockCount;
        foreach (var kept in _recent)
        {
            if (kept.Image.Size != entry.Image.Size || kept.Hash.DistanceTo(entry.Hash) > _options.DedupDistance)
                continue;
            ImageMath.BlockDiffs(entry.Image, kept.Image, _scratch);
            if (CountAbove(_scratch, blocks, _options.DuplicateBlockThreshold) == 0)
                return true;
            // The same picture with the cursor elsewhere, or blinked off.
            if (Classify(kept.Image, entry.Image) == ChangeKind.Cursor)
                return true;
        }
        return false;
    }

    private void Keep(Entry entry, string reason)
    {
        var candidate = _kept.Count;
        Unhold(entry);
        if (entry.Full is { } full && _keptFrames is not null)
        {
            entry.Full = null;
            _keptFrames.Accept(candidate, full);
        }
        _kept.Add(new SelectedFrame(entry.Time, reason, entry.Hash) { SourceIndex = entry.Index, CandidateId = candidate });
        _recent.Add(new KeptPicture(entry.Image, entry.Hash));
        if (_recent.Count > RecentCapacity)
            _recent.RemoveAt(0);
        _lastKeepTime = entry.Time;
    }

    private static int CountAbove(float[] values, int count, double threshold)
    {
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (values[i] > threshold)
                n++;
        }
        return n;
    }

    private static double Motion(IReadOnlyList<SelectedFrame> frames)
    {
        if (frames.Count < 2)
            return 0;
        double sum = 0;
        for (var i = 1; i < frames.Count; i++)
            sum += frames[i - 1].Hash.DistanceTo(frames[i].Hash);
        return Math.Round(sum / (frames.Count - 1), 2);
    }

    private sealed class Entry(int index, double time, AnalysisImage image, PerceptualHash hash)
    {
        public int Index { get; } = index;

        public double Time { get; } = time;

        public AnalysisImage Image { get; } = image;

        public PerceptualHash Hash { get; } = hash;

        /// <summary>Mean absolute difference to the previous analysis frame.</summary>
        public double Mafd { get; set; }

        public double Scene { get; set; }

        /// <summary>Whether this picture is its predecessor scrolled, once asked (see <c>IsScrolling</c>).</summary>
        public bool? Scrolled { get; set; }

        /// <summary>The full-size picture while the frame may still be chosen.</summary>
        public PooledFrame? Full { get; set; }

        /// <summary>Whether the frame has left the look-ahead window (its picture is no longer needed there).</summary>
        public bool Decided { get; set; }

        /// <summary>Size of <see cref="Full"/> while the reservoir holds it for the fallback; 0 otherwise.</summary>
        public int HeldBytes { get; set; }

        public void ReleaseFull()
        {
            Full?.Dispose();
            Full = null;
        }
    }

    private sealed record KeptPicture(AnalysisImage Image, PerceptualHash Hash);

    /// <summary>A chosen frame held back while later candidates may still only add to it.</summary>
    private sealed record Pending(Entry Entry, string Reason)
    {
        /// <summary>Blocks that differed from the frame kept before it: how large a change it was.</summary>
        public int Changed { get; init; }
    }

    /// <summary>
    /// Evenly spaced pictures for the <c>--min</c> fallback, kept without knowing the duration in advance:
    /// when full, every other one is dropped (and reported to <paramref name="dropped"/>) and the spacing doubles.
    /// </summary>
    private sealed class Reservoir(int capacity, Action<Entry> dropped)
    {
        private readonly List<Entry> _entries = [];
        private double _spacing;

        public IReadOnlyList<Entry> Entries => _entries;

        /// <summary>Whether <paramref name="entry"/> is in the reservoir afterwards.</summary>
        public bool Offer(Entry entry)
        {
            if (_entries.Count > 0 && entry.Time - _entries[^1].Time < _spacing)
                return false;
            _entries.Add(entry);
            if (_entries.Count <= capacity)
                return true;
            // Keep the even positions so the spacing stays regular from the first picture on.
            var last = _entries.Count - 1;
            for (var i = last % 2 == 1 ? last : last - 1; i > 0; i -= 2)
            {
                dropped(_entries[i]);
                _entries.RemoveAt(i);
            }
            _spacing = _spacing == 0 ? (_entries[^1].Time - _entries[0].Time) / Math.Max(1, _entries.Count - 1) : _spacing * 2;
            return last % 2 == 0;
        }
    }
}
