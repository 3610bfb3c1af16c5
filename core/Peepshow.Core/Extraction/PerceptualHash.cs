using System.Numerics;

namespace Peepshow.Core.Extraction;

/// <summary>A dHash and which of its bits are sure (their cells differ by at least a level).</summary>
public readonly record struct PerceptualHash(ulong Bits, ulong Sure)
{
    /// <summary>Hamming distance over the bits both hashes are sure of, or where one of them flipped with conviction.</summary>
    public int DistanceTo(PerceptualHash other) =>
        BitOperations.PopCount((Bits ^ other.Bits) & (Sure | other.Sure));
}
