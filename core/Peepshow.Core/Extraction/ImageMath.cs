using System.Numerics;
using System.Runtime.Intrinsics;

namespace Peepshow.Core.Extraction;

/// <summary>The per-frame signals: block differences, the global scene score, dHash, blankness.</summary>
public static class ImageMath
{
    /// <summary>
    /// How much each (overlapping, see <see cref="AnalysisImage.BlockSize"/>) block changed, written to
    /// <paramref name="blocks"/>: the mean absolute difference of luma plus half that of chroma (so a
    /// red-to-green cut of equal brightness still registers), plus one level per luma pixel that changed
    /// by more than <see cref="StrongChange"/>. The last term is what makes one changed digit count: it
    /// moves few pixels, but moves them a lot, where noise and compression move many pixels a little.
    /// Returns the frame-wide mean absolute difference over all samples, the quantity ffmpeg's scene
    /// score is built on.
    /// </summary>
    public static double BlockDiffs(AnalysisImage a, AnalysisImage b, Span<float> blocks)
    {
        var size = a.Size;
        if (b.Size != size)
            throw new ArgumentException("images differ in size");
        if (blocks.Length < size.BlockCount)
            throw new ArgumentException("block buffer too small");

        // At most a few thousand cells (see AnalysisSize): the stack holds them without a GC allocation per call.
        var cells = size.CellsX * size.CellsY;
        Span<int> sadY = stackalloc int[cells];
        Span<int> sadC = stackalloc int[cells];
        Span<int> strong = stackalloc int[cells];
        long totalY = 0, totalC = 0;
        for (var cy = 0; cy < size.CellsY; cy++)
        {
            for (var cx = 0; cx < size.CellsX; cx += 2)
            {
                var cell = cy * size.CellsX + cx;
                CellPairSadY(a, b, cx, cy, out sadY[cell], out strong[cell], out sadY[cell + 1], out strong[cell + 1]);
                sadC[cell] = CellSadC(a, b, cx, cy);
                sadC[cell + 1] = CellSadC(a, b, cx + 1, cy);
                totalY += sadY[cell] + sadY[cell + 1];
                totalC += sadC[cell] + sadC[cell + 1];
            }
        }
        for (var by = 0; by < size.BlocksY; by++)
        {
            for (var bx = 0; bx < size.BlocksX; bx++)
            {
                var c = by * size.CellsX + bx;
                var d = c + size.CellsX;
                blocks[by * size.BlocksX + bx] = Score(
                    sadY[c] + sadY[c + 1] + sadY[d] + sadY[d + 1],
                    sadC[c] + sadC[c + 1] + sadC[d] + sadC[d + 1],
                    strong[c] + strong[c + 1] + strong[d] + strong[d + 1]);
            }
        }
        var samples = (double)(a.Y.Length + a.U.Length + a.V.Length);
        return (totalY + totalC) / samples;
    }

    /// <summary>A luma change this large (0–255) is content, not noise: text appearing, an edge moving.</summary>
    public const int StrongChange = 24;

    /// <summary>The same measure as <see cref="BlockDiffs"/> for one block, for callers that only need a few.</summary>
    public static float BlockDiff(AnalysisImage a, AnalysisImage b, int block)
    {
        var size = a.Size;
        var (by, bx) = Math.DivRem(block, size.BlocksX);
        int y = 0, c = 0, strong = 0;
        for (var dy = 0; dy < 2; dy++)
        {
            for (var dx = 0; dx < 2; dx++)
            {
                var (cellY, cellStrong) = CellSadY(a, b, bx + dx, by + dy);
                y += cellY;
                strong += cellStrong;
                c += CellSadC(a, b, bx + dx, by + dy);
            }
        }
        return Score(y, c, strong);
    }

    private const int BlockPixels = AnalysisImage.BlockSize * AnalysisImage.BlockSize;
    private const int ChromaBlockPixels = BlockPixels / 4;

    private static float Score(int sadY, int sadC, int strong) =>
        sadY / (float)BlockPixels + 0.5f * sadC / ChromaBlockPixels + strong;

    /// <summary>Luma SAD and strong-change count of two horizontally adjacent cells, one 16-byte vector per row.</summary>
    private static void CellPairSadY(AnalysisImage a, AnalysisImage b, int cx, int cy, out int sadLeft, out int strongLeft, out int sadRight, out int strongRight)
    {
        const int cs = AnalysisImage.CellSize;
        var width = a.Size.Width;
        sadLeft = strongLeft = sadRight = strongRight = 0;
        for (var row = 0; row < cs; row++)
        {
            var offset = (cy * cs + row) * width + cx * cs;
            var va = Vector128.Create(a.Y.AsSpan(offset, 2 * cs));
            var vb = Vector128.Create(b.Y.AsSpan(offset, 2 * cs));
            var diff = Vector128.Max(va, vb) - Vector128.Min(va, vb);
            var (lo, hi) = Vector128.Widen(diff);
            sadLeft += Vector128.Sum(lo);
            sadRight += Vector128.Sum(hi);
            var mask = Vector128.GreaterThan(diff, Vector128.Create((byte)StrongChange)).ExtractMostSignificantBits();
            strongLeft += BitOperations.PopCount(mask & 0xFF);
            strongRight += BitOperations.PopCount(mask >> 8);
        }
    }

    private static (int Sad, int Strong) CellSadY(AnalysisImage a, AnalysisImage b, int cx, int cy)
    {
        const int cs = AnalysisImage.CellSize;
        var width = a.Size.Width;
        int sad = 0, strong = 0;
        for (var row = 0; row < cs; row++)
        {
            var offset = (cy * cs + row) * width + cx * cs;
            for (var i = 0; i < cs; i++)
            {
                var d = Math.Abs(a.Y[offset + i] - b.Y[offset + i]);
                sad += d;
                if (d > StrongChange)
                    strong++;
            }
        }
        return (sad, strong);
    }

    private static int CellSadC(AnalysisImage a, AnalysisImage b, int cx, int cy)
    {
        const int ccs = AnalysisImage.CellSize / 2;
        var width = a.Size.ChromaWidth;
        var sad = 0;
        for (var row = 0; row < ccs; row++)
        {
            var offset = (cy * ccs + row) * width + cx * ccs;
            for (var i = 0; i < ccs; i++)
                sad += Math.Abs(a.U[offset + i] - b.U[offset + i]) + Math.Abs(a.V[offset + i] - b.V[offset + i]);
        }
        return sad;
    }

    /// <summary>ffmpeg's scene score: min(mafd, |mafd − previous mafd|) / 100, so steady motion does not read as a cut.</summary>
    public static double SceneScore(double mafd, double previousMafd) =>
        Math.Clamp(Math.Min(mafd, Math.Abs(mafd - previousMafd)) / 100.0, 0, 1);

    /// <summary>
    /// 64-bit difference hash: luma averaged into 9×8 cells, one bit per "left cell brighter than right".
    /// Bits whose two cells differ by less than a level are marked unsure: on flat backgrounds they flip
    /// with noise and would make two identical slides look different.
    /// </summary>
    public static PerceptualHash DHash(AnalysisImage image)
    {
        var size = image.Size;
        Span<double> cells = stackalloc double[9 * 8];
        for (var cy = 0; cy < 8; cy++)
        {
            var y0 = cy * size.Height / 8;
            var y1 = (cy + 1) * size.Height / 8;
            for (var cx = 0; cx < 9; cx++)
            {
                var x0 = cx * size.Width / 9;
                var x1 = (cx + 1) * size.Width / 9;
                long sum = 0;
                for (var y = y0; y < y1; y++)
                {
                    var row = image.Y.AsSpan(y * size.Width + x0, x1 - x0);
                    foreach (var v in row)
                        sum += v;
                }
                cells[cy * 9 + cx] = sum / (double)((y1 - y0) * (x1 - x0));
            }
        }
        ulong bits = 0, sure = 0;
        for (var cy = 0; cy < 8; cy++)
        {
            for (var cx = 0; cx < 8; cx++)
            {
                var delta = cells[cy * 9 + cx] - cells[cy * 9 + cx + 1];
                var bit = 1UL << (cy * 8 + cx);
                if (delta > 0)
                    bits |= bit;
                if (Math.Abs(delta) >= 1.0)
                    sure |= bit;
            }
        }
        return new PerceptualHash(bits, sure);
    }

    public static int Hamming(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    /// <summary>
    /// <paramref name="after"/> is <paramref name="before"/> moved up or down (scrolled): after the best
    /// vertical shift, found by matching the two pictures' row averages, the pixels differ by less than
    /// half of what they differ unshifted. Horizontal motion, zooms and new pictures do not line up.
    /// </summary>
    public static bool IsVerticalShift(AnalysisImage before, AnalysisImage after)
    {
        var size = before.Size;
        if (after.Size != size)
            return false;
        var (w, h) = (size.Width, size.Height);
        Span<double> rowsBefore = stackalloc double[h];
        Span<double> rowsAfter = stackalloc double[h];
        for (var y = 0; y < h; y++)
        {
            rowsBefore[y] = RowMean(before.Y.AsSpan(y * w, w));
            rowsAfter[y] = RowMean(after.Y.AsSpan(y * w, w));
        }
        var best = 0;
        var bestError = double.MaxValue;
        for (var shift = -h / 2; shift <= h / 2; shift++)
        {
            if (shift == 0)
                continue;
            double error = 0;
            var from = Math.Max(0, -shift);
            var to = Math.Min(h, h - shift);
            for (var y = from; y < to; y++)
                error += Math.Abs(rowsAfter[y] - rowsBefore[y + shift]);
            error /= to - from;
            if (error < bestError)
            {
                bestError = error;
                best = shift;
            }
        }
        var unshifted = ShiftedDifference(before, after, 0);
        return unshifted > 1 && ShiftedDifference(before, after, best) < 0.5 * unshifted;
    }

    /// <summary>Mean absolute luma difference between row y of <paramref name="after"/> and row y + shift of <paramref name="before"/>.</summary>
    private static double ShiftedDifference(AnalysisImage before, AnalysisImage after, int shift)
    {
        var (w, h) = (before.Size.Width, before.Size.Height);
        var from = Math.Max(0, -shift);
        var to = Math.Min(h, h - shift);
        long sum = 0;
        for (var y = from; y < to; y++)
        {
            var a = after.Y.AsSpan(y * w, w);
            var b = before.Y.AsSpan((y + shift) * w, w);
            for (var x = 0; x < w; x++)
                sum += Math.Abs(a[x] - b[x]);
        }
        return sum / (double)((to - from) * w);
    }

    private static double RowMean(ReadOnlySpan<byte> row)
    {
        long sum = 0;
        foreach (var v in row)
            sum += v;
        return sum / (double)row.Length;
    }

    /// <summary>A uniform, near-black picture: the middle of a fade, a black leader. Never worth a frame when anything else is.</summary>
    public static bool IsBlack(AnalysisImage image)
    {
        long sum = 0;
        foreach (var v in image.Y)
            sum += v;
        var mean = sum / (double)image.Y.Length;
        if (mean > 28)
            return false;
        double variance = 0;
        foreach (var v in image.Y)
            variance += (v - mean) * (v - mean);
        return Math.Sqrt(variance / image.Y.Length) < 4;
    }
}
