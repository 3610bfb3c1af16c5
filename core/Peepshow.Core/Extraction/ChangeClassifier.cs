using System.Buffers;

namespace Peepshow.Core.Extraction;

/// <summary>
/// Tells an addition from an alteration, and a cursor from content, on the luma of two analysis pictures
/// (docs/extraction.md, "Builds, cursors and scrolling"). Pixels that changed by more than
/// <see cref="ImageMath.StrongChange"/> are grouped into connected regions (neighbours up to two rows apart); a region's background is the
/// median of the earlier picture on the ring around it, and a changed pixel that moved towards that background
/// erased earlier content. A region is added content when (almost) none of its pixels erased anything.
/// A cursor is a small upright solid (a bar or a block no wider than it is tall, no taller than an eighth of the
/// picture, the same from its top row to its bottom row) with nothing directly above or below it, or a caret
/// about one analysis pixel wide, recognised by its change alone: a thin upright stripe of one sign. A change of
/// more than half the picture (a new background, a cut) is always an alteration.
/// Only candidates are classified (a few a second at most), never every analysed picture.
/// </summary>
public static class ChangeClassifier
{
    private const int Strong = ImageMath.StrongChange;

    // Spread (max − min) of luma under which an area counts as blank: above compression noise and the faint halo
    // that anti-aliased text leaves at analysis size, below any glyph stroke.
    private const int Flat = 32;

    public static ChangeKind Classify(AnalysisImage before, AnalysisImage after)
    {
        if (before.Size != after.Size)
            return ChangeKind.Alteration;
        var pixels = before.Y.Length;
        var labels = ArrayPool<int>.Shared.Rent(pixels);
        var order = ArrayPool<int>.Shared.Rent(pixels);
        try
        {
            var regions = FindRegions(before, after, labels, order);
            if (regions.Count == 0)
                return ChangeKind.None;
            if (regions.Sum(r => r.Count) * 2 > pixels)
                return ChangeKind.Alteration;
            foreach (var region in regions)
            {
                if (!Measure(before, after, order, region))
                    return ChangeKind.Alteration;
            }

            if (IsCursorsOnly(before, after, regions))
                return ChangeKind.Cursor;
            var added = false;
            var caretGone = false;
            foreach (var region in regions)
            {
                if (region.Erased <= Math.Max(1, region.Count / 10))
                {
                    added = true;
                    continue;
                }
                // Typing moves the caret: once per comparison, a cursor-shaped erasure is the caret leaving.
                if (!caretGone && IsCaretLeaving(before, region))
                {
                    caretGone = true;
                    added |= region.Count > 2 * region.Erased;
                    continue;
                }
                return ChangeKind.Alteration;
            }
            return added ? ChangeKind.Addition : ChangeKind.Cursor;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
            ArrayPool<int>.Shared.Return(order);
        }
    }

    /// <summary>The connected regions of strongly changed pixels; their pixels are listed in <paramref name="order"/>.</summary>
    private static List<Region> FindRegions(AnalysisImage before, AnalysisImage after, int[] labels, int[] order)
    {
        var (w, h) = (before.Size.Width, before.Size.Height);
        var (b, a) = (before.Y, after.Y);
        for (var i = 0; i < b.Length; i++)
            labels[i] = Math.Abs(a[i] - b[i]) > Strong ? -1 : 0;

        var regions = new List<Region>();
        var tail = 0;
        for (var seed = 0; seed < b.Length; seed++)
        {
            if (labels[seed] != -1)
                continue;
            var region = new Region { Start = tail, X0 = w, Y0 = h, X1 = -1, Y1 = -1 };
            labels[seed] = 1;
            order[tail++] = seed;
            for (var head = region.Start; head < tail; head++)
            {
                var (y, x) = Math.DivRem(order[head], w);
                region.Include(x, y);
                // Two rows up or down: a caret drawn across a glyph's stroke changes little where they cross,
                // and must stay one region, not two halves that each seem to have something above them.
                for (var dy = -2; dy <= 2; dy++)
                {
                    var ny = y + dy;
                    if (ny < 0 || ny >= h)
                        continue;
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var nx = x + dx;
                        if (nx < 0 || nx >= w || labels[ny * w + nx] != -1)
                            continue;
                        labels[ny * w + nx] = 1;
                        order[tail++] = ny * w + nx;
                    }
                }
            }
            region.Count = tail - region.Start;
            regions.Add(region);
        }
        return regions;
    }

    /// <summary>
    /// The region's background (median of the earlier picture around it) and which of its pixels erased content;
    /// false when nothing surrounds the region to tell its background.
    /// </summary>
    private static bool Measure(AnalysisImage before, AnalysisImage after, int[] order, Region region)
    {
        var (w, h) = (before.Size.Width, before.Size.Height);
        var background = RingMedian(before, region.X0, region.Y0, region.X1, region.Y1, out var ring);
        if (ring < 4)
            return false;

        region.ErasedX0 = w;
        region.ErasedY0 = h;
        region.ErasedX1 = region.ErasedY1 = -1;
        for (var i = region.Start; i < region.Start + region.Count; i++)
        {
            var p = order[i];
            if (Math.Abs(after.Y[p] - background) + Strong / 2 >= Math.Abs(before.Y[p] - background))
                continue;
            region.Erased++;
            var (y, x) = Math.DivRem(p, w);
            region.ErasedX0 = Math.Min(region.ErasedX0, x);
            region.ErasedX1 = Math.Max(region.ErasedX1, x);
            region.ErasedY0 = Math.Min(region.ErasedY0, y);
            region.ErasedY1 = Math.Max(region.ErasedY1, y);
        }
        return true;
    }

    /// <summary>
    /// At most two cursors changed (one that left, one that arrived). Regions stacked in one column count as one:
    /// a thin caret drawn across a glyph changes little where it crosses the glyph's strokes.
    /// </summary>
    private static bool IsCursorsOnly(AnalysisImage before, AnalysisImage after, List<Region> regions)
    {
        if (regions.Count > 6)
            return false;
        var boxes = new List<Region>();
        foreach (var region in regions.OrderBy(r => r.Y0))
        {
            var column = boxes.FirstOrDefault(b => b.X0 <= region.X1 + 1 && region.X0 <= b.X1 + 1 && region.Y0 - b.Y1 <= 4);
            if (column is null)
            {
                boxes.Add(region);
                continue;
            }
            boxes.Remove(column);
            boxes.Add(new Region
            {
                X0 = Math.Min(column.X0, region.X0), X1 = Math.Max(column.X1, region.X1),
                Y0 = Math.Min(column.Y0, region.Y0), Y1 = Math.Max(column.Y1, region.Y1),
                Count = column.Count + region.Count, Erased = column.Erased + region.Erased,
            });
        }
        if (boxes.Count > 2)
            return false;
        foreach (var box in boxes)
        {
            if (!IsCursor(before, after, box) && !IsThinCaret(before, after, box) && !IsInvertedCell(before, after, box))
                return false;
        }
        return true;
    }

    /// <summary>
    /// A caret about one analysis pixel wide, which blends with the glyphs it touches so its picture is never a
    /// solid bar: what stays is the change itself, a thin upright stripe that darkens (or lightens) the picture
    /// on nearly every row of its height and nowhere goes the other way. A caret that moved to the line just
    /// above or below is two such stripes end to end, one of each sign.
    /// </summary>
    private static bool IsThinCaret(AnalysisImage before, AnalysisImage after, Region box)
    {
        var (w, h) = (box.X1 - box.X0 + 1, box.Y1 - box.Y0 + 1);
        var tallest = Math.Max(8, before.Size.Height / 8);
        if (w > 3 || h < 4 || h > 2 * tallest)
            return false;
        var width = before.Size.Width;
        int rows = 0, runs = 0, runStart = box.Y0, lastSign = 0;
        for (var y = box.Y0; y <= box.Y1; y++)
        {
            int darker = 0, lighter = 0;
            for (var x = box.X0; x <= box.X1; x++)
            {
                var delta = after.Y[y * width + x] - before.Y[y * width + x];
                if (delta > Strong / 2)
                    lighter++;
                else if (delta < -Strong / 2)
                    darker++;
            }
            if (darker > 0 && lighter > 0)
                return false;
            if (darker + lighter == 0)
                continue;
            rows++;
            var sign = darker > 0 ? -1 : 1;
            if (sign == lastSign)
                continue;
            // A new stripe starts: the one before it must have been a caret's height.
            if (lastSign != 0 && (y - runStart < 3 || y - runStart > tallest))
                return false;
            (runs, runStart, lastSign) = (runs + 1, y, sign);
        }
        var lastRun = box.Y1 - runStart + 1;
        if (runs > 2 || lastRun < 3 || lastRun > tallest || rows * 4 < h * 3)
            return false;
        // A caret is as tall as the line, taller than the glyphs beside it: at its top or its bottom nothing
        // stands beside it. The stroke that turns a 3 into an 8 has the digit's own strokes beside both ends.
        if (!BlankBeside(before, after, box, box.Y0) && !BlankBeside(before, after, box, box.Y1))
            return false;
        // A bar that grew by a sliver is no caret: the picture where the stripe is drawn carries it on sideways.
        var background = RingMedian(before, box.X0, box.Y0, box.X1, box.Y1, out _);
        var shown = Math.Abs(BoxMean(before, box) - background) >= Math.Abs(BoxMean(after, box) - background) ? before : after;
        return !ContinuesSideways(shown, box.X0, box.Y0, box.X1, box.Y1);
    }

    /// <summary>Row <paramref name="y"/> is blank in both pictures for two pixels either side of the box.</summary>
    private static bool BlankBeside(AnalysisImage before, AnalysisImage after, Region box, int y)
    {
        var width = before.Size.Width;
        int lo = 255, hi = 0;
        foreach (var image in (ReadOnlySpan<AnalysisImage>)[before, after])
        {
            for (var x = box.X0 - 2; x <= box.X1 + 2; x++)
            {
                if (x >= box.X0 && x <= box.X1 || x < 0 || x >= width)
                    continue;
                var v = image.Y[y * width + x];
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }
        return hi - lo <= Flat;
    }

    private static double BoxMean(AnalysisImage image, Region box)
    {
        var width = image.Size.Width;
        long sum = 0;
        for (var y = box.Y0; y <= box.Y1; y++)
        {
            for (var x = box.X0; x <= box.X1; x++)
                sum += image.Y[y * width + x];
        }
        return sum / (double)((box.X1 - box.X0 + 1) * (box.Y1 - box.Y0 + 1));
    }

    /// <summary>
    /// A terminal's block cursor over a character: the cell is filled with the cursor's colour and the glyph is
    /// cut out of it. In the picture with the cursor nearly the whole cell stands out from the background
    /// around it, corners included; in the other, the glyph alone does, which covers well under the whole cell.
    /// A character that appeared or changed stands out over well under the whole cell, or is rounded off at its
    /// corners.
    /// </summary>
    private static bool IsInvertedCell(AnalysisImage before, AnalysisImage after, Region box)
    {
        if (!IsCursorShape(before.Size, box.X0, box.Y0, box.X1, box.Y1, box.Count))
            return false;
        var background = RingMedian(before, box.X0, box.Y0, box.X1, box.Y1, out var ring);
        if (ring == 0)
            return false;
        var width = before.Size.Width;
        int standsOutBefore = 0, standsOutAfter = 0;
        for (var y = box.Y0; y <= box.Y1; y++)
        {
            for (var x = box.X0; x <= box.X1; x++)
            {
                if (Math.Abs(before.Y[y * width + x] - background) > Flat)
                    standsOutBefore++;
                if (Math.Abs(after.Y[y * width + x] - background) > Flat)
                    standsOutAfter++;
            }
        }
        var area = (box.X1 - box.X0 + 1) * (box.Y1 - box.Y0 + 1);
        var (shown, hidden) = standsOutBefore > standsOutAfter ? (standsOutBefore, standsOutAfter) : (standsOutAfter, standsOutBefore);
        // A block has corners: its whole outline stands out, where a bold glyph (an 8) is rounded off.
        var shownImage = standsOutBefore > standsOutAfter ? before : after;
        foreach (var (cx, cy) in (ReadOnlySpan<(int, int)>)[(box.X0, box.Y0), (box.X1, box.Y0), (box.X0, box.Y1), (box.X1, box.Y1)])
        {
            if (Math.Abs(shownImage.Y[cy * width + cx] - background) <= Flat / 2)
                return false;
        }
        // The other picture shows the character (a solid block on a blank cell is IsCursor's), and a block
        // that carries on beside the cell is a bar that grew.
        return shown * 100 >= area * 85 && hidden > 0 && hidden * 100 <= area * 60
            && !ContinuesSideways(shownImage, box.X0, box.Y0, box.X1, box.Y1);
    }

    /// <summary>Median luma of the ring of <paramref name="ring"/> pixels just outside the box (none when it fills the picture).</summary>
    private static int RingMedian(AnalysisImage image, int x0, int y0, int x1, int y1, out int ring)
    {
        var (w, h) = (image.Size.Width, image.Size.Height);
        Span<int> histogram = stackalloc int[256];
        ring = 0;
        for (var y = Math.Max(0, y0 - 1); y <= Math.Min(h - 1, y1 + 1); y++)
        {
            for (var x = Math.Max(0, x0 - 1); x <= Math.Min(w - 1, x1 + 1); x++)
            {
                if (y >= y0 && y <= y1 && x >= x0 && x <= x1)
                    continue;
                histogram[image.Y[y * w + x]]++;
                ring++;
            }
        }
        for (int level = 0, seen = 0; level < 256; level++)
        {
            seen += histogram[level];
            if (2 * seen >= ring)
                return level;
        }
        return 0;
    }

    /// <summary>The whole region is a cursor that appeared or disappeared.</summary>
    private static bool IsCursor(AnalysisImage before, AnalysisImage after, Region region)
    {
        var shown = region.Erased * 2 > region.Count ? before : after;
        return IsCursorShape(before.Size, region.X0, region.Y0, region.X1, region.Y1, region.Count)
            && IsUprightSolid(shown, region.X0, region.Y0, region.X1, region.Y1)
            && StandsAlone(shown, region.X0, region.Y0, region.X1, region.Y1)
            && !ContinuesSideways(shown, region.X0, region.Y0, region.X1, region.Y1);
    }

    /// <summary>The erased part of the region is a cursor of the earlier picture: new text may be drawn where it stood.</summary>
    private static bool IsCaretLeaving(AnalysisImage before, Region region) =>
        IsCursorShape(before.Size, region.ErasedX0, region.ErasedY0, region.ErasedX1, region.ErasedY1, region.Erased)
        && IsUprightSolid(before, region.ErasedX0, region.ErasedY0, region.ErasedX1, region.ErasedY1)
        && StandsAlone(before, region.ErasedX0, region.ErasedY0, region.ErasedX1, region.ErasedY1)
        && !ContinuesSideways(before, region.ErasedX0, region.ErasedY0, region.ErasedX1, region.ErasedY1);

    private static bool IsCursorShape(AnalysisSize size, int x0, int y0, int x1, int y1, int count)
    {
        var (width, height) = (x1 - x0 + 1, y1 - y0 + 1);
        return height >= 3 && height <= Math.Max(8, size.Height / 8) && width <= height && count * 2 >= width * height;
    }

    /// <summary>Nothing directly above or below: the rows just outside the box are blank.</summary>
    private static bool StandsAlone(AnalysisImage image, int x0, int y0, int x1, int y1)
    {
        var size = image.Size;
        int lo = 255, hi = 0;
        foreach (var y in (ReadOnlySpan<int>)[y0 - 1, y1 + 1])
        {
            if (y < 0 || y >= size.Height)
                continue;
            for (var x = Math.Max(0, x0 - 1); x <= Math.Min(size.Width - 1, x1 + 1); x++)
            {
                var v = image.Y[y * size.Width + x];
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }
        return hi - lo <= Flat;
    }

    /// <summary>
    /// A column beside the box carries on with the box's own colour over most of its height: a bar grew, a
    /// block was extended. A cursor stands next to background or to the varied strokes of text.
    /// </summary>
    private static bool ContinuesSideways(AnalysisImage image, int x0, int y0, int x1, int y1)
    {
        var width = image.Size.Width;
        long sum = 0;
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
                sum += image.Y[y * width + x];
        }
        var height = y1 - y0 + 1;
        var mean = sum / (double)(height * (x1 - x0 + 1));
        foreach (var x in (ReadOnlySpan<int>)[x0 - 1, x1 + 1])
        {
            if (x < 0 || x >= width)
                continue;
            var alike = 0;
            for (var y = y0; y <= y1; y++)
            {
                if (Math.Abs(image.Y[y * width + x] - mean) <= Strong)
                    alike++;
            }
            if (alike * 4 >= height * 3)
                return true;
        }
        return false;
    }

    /// <summary>
    /// Every column of the box keeps its value from top to bottom: a bar or a block, and never a glyph (strokes
    /// cross a glyph's columns). The top and bottom rows are left out (a cursor rarely starts on a whole
    /// analysis pixel), and so are the outer columns, where a thin caret's anti-aliasing mixes with the text
    /// beside it; of a two-column box, one column must hold.
    /// </summary>
    private static bool IsUprightSolid(AnalysisImage image, int x0, int y0, int x1, int y1)
    {
        if (x1 - x0 == 1)
            return IsUprightColumn(image, x0, y0, y1) || IsUprightColumn(image, x1, y0, y1);
        var (from, to) = x1 - x0 >= 2 ? (x0 + 1, x1 - 1) : (x0, x1);
        for (var x = from; x <= to; x++)
        {
            if (!IsUprightColumn(image, x, y0, y1))
                return false;
        }
        return true;
    }

    private static bool IsUprightColumn(AnalysisImage image, int x, int y0, int y1)
    {
        var width = image.Size.Width;
        int lo = 255, hi = 0;
        for (var y = y0 + 1; y < y1; y++)
        {
            var v = image.Y[y * width + x];
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        return hi - lo <= Flat;
    }

    private sealed class Region
    {
        public int Start { get; init; }

        public int Count { get; set; }

        public int X0 { get; set; }

        public int Y0 { get; set; }

        public int X1 { get; set; }

        public int Y1 { get; set; }

        /// <summary>Pixels that moved towards the background: earlier content erased.</summary>
        public int Erased { get; set; }

        public int ErasedX0 { get; set; }

        public int ErasedY0 { get; set; }

        public int ErasedX1 { get; set; }

        public int ErasedY1 { get; set; }

        public void Include(int x, int y)
        {
            X0 = Math.Min(X0, x);
            X1 = Math.Max(X1, x);
            Y0 = Math.Min(Y0, y);
            Y1 = Math.Max(Y1, y);
        }
    }
}
