using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Peepshow.Core.Extraction;

/// <summary>
/// Shrinks one picture plane by averaging the source pixels each destination pixel covers: a box filter
/// whose edges may cut a source pixel, weighted by the part that falls inside (what ffmpeg's <c>area</c>
/// scaler approximates). The analysis picture is made here rather than by a second scaler in ffmpeg's
/// filter graph, because ffmpeg filters its frames on one thread: there the downscale would wait in line
/// with the decode, here it runs on peepshow's own core while ffmpeg decodes the next frame.
/// One instance per plane size; not thread-safe (it keeps a scratch row).
/// </summary>
internal sealed class AreaScaler
{
    // The weights of one destination pixel sum to 2^WeightBits on each axis, so a column's weighted sum fits in
    // 16 bits (255 × 256) and a whole pixel in 32 (255 × 2^16).
    private const int WeightBits = 8;

    private readonly Axis _x;
    private readonly Axis _y;
    private readonly ushort[] _columnSums;

    public AreaScaler(int sourceWidth, int sourceHeight, int width, int height)
    {
        if (width > sourceWidth || height > sourceHeight)
            throw new ArgumentException($"an area scaler only shrinks ({sourceWidth}×{sourceHeight} → {width}×{height})");
        (SourceWidth, SourceHeight, Width, Height) = (sourceWidth, sourceHeight, width, height);
        _x = Axis.For(sourceWidth, width);
        _y = Axis.For(sourceHeight, height);
        _columnSums = new ushort[sourceWidth];
    }

    public int SourceWidth { get; }

    public int SourceHeight { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Scales <paramref name="source"/> (rows of <see cref="SourceWidth"/> bytes, back to back) into <paramref name="destination"/>.</summary>
    public void Scale(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        const int half = 1 << (2 * WeightBits - 1);
        var (sw, w) = (SourceWidth, Width);
        var sums = _columnSums.AsSpan();
        for (var o = 0; o < Height; o++)
        {
            // Vertically first, whole rows at a time (one weight per row, so it vectorises), then across.
            sums.Clear();
            for (var t = 0; t < _y.Taps; t++)
            {
                var weight = _y.Weights[o * _y.Taps + t];
                if (weight != 0)
                    AddWeighted(source.Slice((_y.Start[o] + t) * sw, sw), weight, sums);
            }

            var target = destination.Slice(o * w, w);
            var taps = _x.Taps;
            // The hottest loop of the analysis: without bounds checks the whole scale costs a fifth less CPU. Safe because
            // Axis keeps every window inside the row (Start + Taps <= SourceWidth) and has Taps weights per pixel.
            ref var sum0 = ref MemoryMarshal.GetReference(sums);
            ref var weight0 = ref MemoryMarshal.GetArrayDataReference(_x.Weights);
            for (var x = 0; x < w; x++)
            {
                ref var pixels = ref Unsafe.Add(ref sum0, _x.Start[x]);
                ref var weights = ref Unsafe.Add(ref weight0, x * taps);
                var sum = 0;
                for (var t = 0; t < taps; t++)
                    sum += Unsafe.Add(ref pixels, t) * Unsafe.Add(ref weights, t);
                target[x] = (byte)((sum + half) >> (2 * WeightBits));
            }
        }
    }

    private static void AddWeighted(ReadOnlySpan<byte> row, ushort weight, Span<ushort> sums)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var factor = new Vector<ushort>(weight);
            for (; i <= row.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(row[i..]), out var low, out var high);
                var lowSums = sums.Slice(i, Vector<ushort>.Count);
                var highSums = sums.Slice(i + Vector<ushort>.Count, Vector<ushort>.Count);
                (new Vector<ushort>(lowSums) + low * factor).CopyTo(lowSums);
                (new Vector<ushort>(highSums) + high * factor).CopyTo(highSums);
            }
        }
        for (; i < row.Length; i++)
            sums[i] += (ushort)(row[i] * weight);
    }

    /// <summary>
    /// For each destination pixel on one axis: the first source pixel it reads and the weight of each of the
    /// <see cref="Taps"/> pixels from there (zero past its edge).
    /// </summary>
    private sealed record Axis(int Taps, int[] Start, ushort[] Weights)
    {
        public static Axis For(int sourceLength, int length)
        {
            // Source edge i lies at Edge(i) in destination units of 1/2^WeightBits. Rounding the edges, not the
            // weights, makes every destination pixel's weights add up to exactly 2^WeightBits.
            long Edge(int i) => ((long)i * length << WeightBits) * 2 / sourceLength + 1 >> 1;
            var taps = (int)Math.Ceiling(sourceLength / (double)length) + 1;
            taps = Math.Min(taps, sourceLength);
            var start = new int[length];
            var weights = new ushort[length * taps];
            for (var o = 0; o < length; o++)
            {
                var (low, high) = ((long)o << WeightBits, (long)(o + 1) << WeightBits);
                var first = (int)((long)o * sourceLength / length);
                // Keep the window inside the row; the weights shift with it.
                var begin = Math.Min(first, sourceLength - taps);
                start[o] = begin;
                for (var t = 0; t < taps; t++)
                {
                    var i = begin + t;
                    var covered = Math.Min(Edge(i + 1), high) - Math.Max(Edge(i), low);
                    weights[o * taps + t] = (ushort)Math.Max(0, covered);
                }
            }
            return new Axis(taps, start, weights);
        }
    }
}
