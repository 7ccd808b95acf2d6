using System.Collections.Immutable;
using System.Numerics;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>
/// A <see cref="SeenDigest"/> on the wire as whichever is smallest: the indexes of its set bits (4
/// bytes each: an acknowledgement or a reply names one or a few members), the bits (N/8 bytes),
/// or <see cref="AllBut"/> and the indexes of the members that have not seen (once nearly all
/// have: the end of every dissemination and every converged cluster, where bits would cost N/8
/// bytes at any size and this costs 4).
/// </summary>
internal static class SeenWire
{
    /// <summary>A first index that says the rest are the members that have <em>not</em> seen.</summary>
    public const int AllBut = -1;

    public static (int[] Indexes, ulong[] Bits) Encode(SeenDigest seen)
    {
        var count = seen.Bits.Sum(word => BitOperations.PopCount(word));
        var asIndexes = count * sizeof(int);
        var asBits = seen.Bits.Length * sizeof(ulong);
        var asUnseen = (1 + seen.MemberCount - count) * sizeof(int);
        if (asUnseen < asIndexes && asUnseen < asBits)
        {
            return ([AllBut, .. UnsetBits(seen.Bits, seen.MemberCount)], []);
        }

        return asIndexes < asBits ? (SetBits(seen.Bits), []) : ([], [.. seen.Bits]);
    }

    /// <summary>
    /// How many bytes <see cref="Encode"/>'s two arrays take (each a 7-bit length and fixed-width
    /// elements), beyond the 2 bytes of two empty ones: the simulator adds it to a status measured without a seen-set.
    /// </summary>
    public static int ExtraBytes(SeenDigest seen)
    {
        var (indexes, bits) = Encode(seen);
        return WireRecordFormat.LengthPrefixBytes(indexes.Length) + (indexes.Length * sizeof(int)) + WireRecordFormat.LengthPrefixBytes(bits.Length) + (bits.Length * sizeof(ulong)) - 2;
    }

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
        var allBut = indexes!.Length > 0 && indexes[0] == AllBut;
        if (allBut)
        {
            Array.Fill(fromIndexes, ulong.MaxValue);
            if (memberCount % 64 != 0)
            {
                fromIndexes[^1] = (1UL << (memberCount % 64)) - 1;
            }
        }

        foreach (var index in allBut ? indexes.AsSpan(1) : indexes)
        {
            Require(index >= 0 && index < memberCount, $"seen index {index} out of range");
            if (allBut)
            {
                fromIndexes[index / 64] &= ~(1UL << (index % 64));
            }
            else
            {
                fromIndexes[index / 64] |= 1UL << (index % 64);
            }
        }

        return new SeenDigest(memberCount, ImmutableArray.Create(fromIndexes));
    }

    /// <summary>The members of <paramref name="memberCount"/> whose bit is not set.</summary>
    private static IEnumerable<int> UnsetBits(ImmutableArray<ulong> bits, int memberCount)
    {
        for (var word = 0; word < bits.Length; word++)
        {
            var unset = ~bits[word];
            if (word == bits.Length - 1 && memberCount % 64 != 0)
            {
                unset &= (1UL << (memberCount % 64)) - 1;
            }

            for (; unset != 0; unset &= unset - 1)
            {
                yield return (word * 64) + BitOperations.TrailingZeroCount(unset);
            }
        }
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
