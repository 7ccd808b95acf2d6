using System.Collections.Immutable;
using System.Numerics;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>
/// A <see cref="SeenDigest"/> on the wire as whichever is smaller: the indexes of its set bits (4
/// bytes each: an acknowledgement or a reply names one or a few members) or the bits (N/8 bytes).
/// </summary>
internal static class SeenWire
{
    public static (int[] Indexes, ulong[] Bits) Encode(SeenDigest seen)
    {
        var count = seen.Bits.Sum(word => BitOperations.PopCount(word));
        return count * sizeof(int) < seen.Bits.Length * sizeof(ulong) ? (SetBits(seen.Bits), []) : ([], [.. seen.Bits]);
    }

    /// <summary>
    /// How many bytes <see cref="Encode"/>'s two arrays take (each a 7-bit length and fixed-width
    /// elements), beyond the 2 bytes of two empty ones: the simulator adds it to a status measured without a seen-set.
    /// </summary>
    public static int ExtraBytes(SeenDigest seen)
    {
        var (indexes, bits) = Encode(seen);
        return LengthBytes(indexes.Length) + (indexes.Length * sizeof(int)) + LengthBytes(bits.Length) + (bits.Length * sizeof(ulong)) - 2;
    }

    private static int LengthBytes(int length) => length < 1 << 7 ? 1 : length < 1 << 14 ? 2 : length < 1 << 21 ? 3 : length < 1 << 28 ? 4 : 5;

    /// <summary>The digest of <paramref name="memberCount"/> members, from indexes or bits (not both); a <see cref="WireFormatException"/> if they do not fit.</summary>
    public static SeenDigest Decode(int memberCount, int[]? indexes, ulong[]? bits, string what)
    {
        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                throw new WireFormatException($"Invalid {what}: {problem}.");
            }
        }

        Require(indexes is not null && bits is not null, "seen-set missing");
        Require(memberCount >= 0, $"negative member count {memberCount}");
        var words = (memberCount + 63) / 64;
        Require(bits!.Length == 0 || indexes!.Length == 0, "seen-set given both as indexes and as bits");
        if (bits.Length > 0)
        {
            return new SeenDigest(memberCount, [.. bits]); // A length that does not fit the version is rejected where it is used (SeenIn).
        }

        var fromIndexes = new ulong[words];
        foreach (var index in indexes!)
        {
            Require(index >= 0 && index < memberCount, $"seen index {index} out of range");
            fromIndexes[index / 64] |= 1UL << (index % 64);
        }

        return new SeenDigest(memberCount, ImmutableArray.Create(fromIndexes));
    }

    private static int[] SetBits(ImmutableArray<ulong> bits)
    {
        var indexes = new List<int>();
        for (var word = 0; word < bits.Length; word++)
        {
            for (var rest = bits[word]; rest != 0; rest &= rest - 1)
            {
                indexes.Add((word * 64) + BitOperations.TrailingZeroCount(rest));
            }
        }

        return [.. indexes];
    }
}
