using System.Numerics;
using System.Runtime.Intrinsics;

namespace Peepshow.Core.Extraction;

/// <summary>The per-frame signals: block differences, the global scene score, dHash, blankness.</summary>
public static class ImageMath
{
    /// <summary>
    /// How much each block changed, written to <paramref name="blocks"/>: the mean absolute difference of
    /// luma plus half that of chroma (so a red-to-green cut of equal brightness still registers), plus
    /// half a level per luma pixel that changed by more than <see cref="StrongChange"/>. The last term is
    /// what makes one new line of small text count: it moves few pixels, but moves them a lot, where noise
    /// and compression move many pixels a little. Returns the frame-wide mean absolute difference over all
    /// samples, the quantity ffmpeg's scene score is built on.
    /// </summary>
    public static double BlockDiffs(AnalysisImage a, AnalysisImage b, Span<float> blocks)
    {
        var size = a.Size;
        if (b.Size != size)
            throw new ArgumentException("images differ in size");
        if (blocks.Length < size.BlockCount)
            throw new ArgumentException("block buffer too small");

        long totalY = 0, totalC = 0;
        for (var block = 0; block < size.BlockCount; block++)
        {
            var (sadY, sadC, strong) = BlockSad(a, b, block);
            totalY += sadY;
            totalC += sadC;
            blocks[block] = Score(sadY, sadC, strong);
        }
        var samples = (double)(a.Y.Length + a.U.Length + a.V.Length);
        return (totalY + totalC) / samples;
    }

    /// <summary>A luma change this large (0–255) is content, not noise: text appearing, an edge moving.</summary>
    public const int StrongChange = 24;

    /// <summary>The same measure as <see cref="BlockDiffs"/> for one block, for callers that only need a few.</summary>
    public static float BlockDiff(AnalysisImage a, AnalysisImage b, int block)
    {
        var (sadY, sadC, strong) = BlockSad(a, b, block);
        return Score(sadY, sadC, strong);
    }

    private const int BlockPixels = AnalysisImage.BlockSize * AnalysisImage.BlockSize;
    private const int ChromaBlockPixels = BlockPixels / 4;

    private static float Score(int sadY, int sadC, int strong) =>
        sadY / (float)BlockPixels + 0.5f * sadC / ChromaBlockPixels + 0.5f * strong;

    private static (int Y, int C, int Strong) BlockSad(AnalysisImage a, AnalysisImage b, int block)
    {
        const int bs = AnalysisImage.BlockSize;
        const int cbs = bs / 2;
        var size = a.Size;
        var (by, bx) = Math.DivRem(block, size.BlocksX);
        var sadY = 0;
        var strong = 0;
        for (var row = 0; row < bs; row++)
        {
            var offset = (by * bs + row) * size.Width + bx * bs;
            var (sad, count) = Sad16(a.Y.AsSpan(offset, bs), b.Y.AsSpan(offset, bs));
            sadY += sad;
            strong += count;
        }
        var sadC = 0;
        for (var row = 0; row < cbs; row++)
        {
            var offset = (by * cbs + row) * size.ChromaWidth + bx * cbs;
            sadC += SadScalar(a.U.AsSpan(offset, cbs), b.U.AsSpan(offset, cbs)).Sad;
            sadC += SadScalar(a.V.AsSpan(offset, cbs), b.V.AsSpan(offset, cbs)).Sad;
        }
        return (sadY, sadC, strong);
    }

    private static (int Sad, int Strong) Sad16(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            var va = Vector128.Create(a);
            var vb = Vector128.Create(b);
            var diff = Vector128.Max(va, vb) - Vector128.Min(va, vb);
            var (lo, hi) = Vector128.Widen(diff);
            var strong = Vector128.GreaterThan(diff, Vector128.Create((byte)StrongChange)).ExtractMostSignificantBits();
            return (Vector128.Sum(lo + hi), BitOperations.PopCount(strong));
        }
        return SadScalar(a, b);
    }

    private static (int Sad, int Strong) SadScalar(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var sum = 0;
        var strong = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs(a[i] - b[i]);
            sum += d;
            if (d > StrongChange)
                strong++;
        }
        return (sum, strong);
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

/// <summary>A dHash and which of its bits are sure (their cells differ by at least a level).</summary>
public readonly record struct PerceptualHash(ulong Bits, ulong Sure)
{
    /// <summary>Hamming distance over the bits both hashes are sure of, or where one of them flipped with conviction.</summary>
    public int DistanceTo(PerceptualHash other) =>
        BitOperations.PopCount((Bits ^ other.Bits) & (Sure | other.Sure));
}
