using System.Collections.Immutable;
using System.Numerics;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>
/// A <see cref="SeenDigest"/> on the wire as whichever is smallest: the indexes of its set bits (4
/// bytes each: an acknowledgement or a reply names one or a few members), the bits from the first
/// word with a set bit to the last (up to N/8 bytes; a status bounded to a window of its bits,
/// <see cref="SeenDigest.Window"/>, costs the window), or <see cref="AllBut"/> and the indexes of
/// the members that have not seen (once nearly all have: the end of every dissemination and every
/// converged cluster, where bits would cost N/8 bytes at any size and this costs 4).
/// </summary>
internal static class SeenWire
{
    /// <summary>A first index that says the rest are the members that have <em>not</em> seen.</summary>
    public const int AllBut = -1;

    public static (int[] Indexes, ulong[] Bits, int FirstWord) Encode(SeenDigest seen)
    {
        var count = seen.Count;
        var (first, last) = SetWords(seen.Bits);
        var asIndexes = count * sizeof(int);
        var asBits = (last - first + 1) * sizeof(ulong);
        var asUnseen = (1 + seen.MemberCount - count) * sizeof(int);
        if (asUnseen < asIndexes && asUnseen < asBits)
        {
            return ([AllBut, .. UnsetBits(seen.Bits, seen.MemberCount)], [], 0);
        }

        return asIndexes < asBits ? (SetBits(seen.Bits), [], 0) : ([], [.. seen.Bits.AsSpan(first, last - first + 1)], first);
    }

    /// <summary>
    /// How many bytes <see cref="Encode"/>'s two arrays take (each a 7-bit length and fixed-width
    /// elements), beyond the 2 bytes of two empty ones: the simulator adds it to a status measured without a seen-set.
    /// </summary>
    public static int ExtraBytes(SeenDigest seen)
    {
        var (indexes, bits, _) = Encode(seen);
        return WireRecordFormat.LengthPrefixBytes(indexes.Length) + (indexes.Length * sizeof(int)) + WireRecordFormat.LengthPrefixBytes(bits.Length) + (bits.Length * sizeof(ulong)) - 2;
    }

    /// <summary>
    /// The digest of <paramref name="memberCount"/> members, from indexes or from bits that start at
    /// word <paramref name="firstWord"/> (not both); a <see cref="WireFormatException"/> if they do not fit.
    /// </summary>
    public static SeenDigest Decode(int memberCount, int[]? indexes, ulong[]? bits, int firstWord, string what)
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
            Require(firstWord >= 0 && firstWord <= words - bits.Length, $"seen bits at words {firstWord}..{firstWord + bits.Length - 1} of {words}");
            var all = new ulong[words];
            bits.CopyTo(all, firstWord);
            return new SeenDigest(memberCount, ImmutableArray.Create(all));
        }

        Require(firstWord == 0, $"seen indexes with a first word of {firstWord}");
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

    /// <summary>The first and last word with a set bit; (0, -1) when none is set.</summary>
    private static (int First, int Last) SetWords(ImmutableArray<ulong> bits)
    {
        var first = 0;
        while (first < bits.Length && bits[first] == 0)
        {
            first++;
        }

        var last = bits.Length - 1;
        while (last >= first && bits[last] == 0)
        {
            last--;
        }

        return first > last ? (0, -1) : (first, last);
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
