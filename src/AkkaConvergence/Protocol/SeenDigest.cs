using System.Collections.Immutable;
using System.Numerics;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>
/// A seen-set as one bit per member, in the member order of the gossip it belongs to. Two
/// nodes with the same version have the same members, so the bits mean the same nodes on both
/// sides: equal versions with different seen-sets can be reconciled with a status message, never
/// stall (akka/akka #29388), and cost N/8 bytes instead of a full gossip.
/// </summary>
internal sealed record SeenDigest(int MemberCount, ImmutableArray<ulong> Bits)
{
    /// <summary>
    /// Below one seen entry per this many members, bits are found and read through the member
    /// order's tree (log N per entry) instead of by walking all N members: a version that is still
    /// spreading has few, and this walk was a large share of a simulated run at 10,000 nodes.
    /// </summary>
    private const int SparseWalkFactor = 32;

    /// <summary>
    /// The most words of bits (64 members each) a status carries: 96 words, 768 bytes, so that a
    /// status stays under 1 KB at any cluster size (issue #12; at 10,000 members all the bits are
    /// 1,250 bytes). Up to 6,144 members every bit fits, and a seen-set of few entries, or of all
    /// but a few, travels whole at any size as indexes.
    /// </summary>
    public const int WindowWords = 96;

    /// <summary>The most entries listed by index (4 bytes each on the wire) that fit the same bytes as <see cref="WindowWords"/>.</summary>
    private const int MostListed = WindowWords * 2;

    /// <summary>How many bits are set (a padding bit past the members, which names no one, counts too).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            foreach (var word in Bits)
            {
                count += BitOperations.PopCount(word);
            }

            return count;
        }
    }

    public static SeenDigest Of(Gossip gossip) => OfSeen(gossip, _ => true);

    /// <summary>
    /// The nodes that have seen <paramref name="gossip"/> which <paramref name="known"/> does not
    /// list: what the answer to a node that sent us <paramref name="known"/> needs to say, since
    /// seen-sets are only ever merged. A few bits out of N, which the wire sends as indexes.
    /// </summary>
    public static SeenDigest Lacking(Gossip gossip, IReadOnlySet<UniqueAddress> known) => OfSeen(gossip, n => !known.Contains(n));

    /// <summary>The seen entries that <paramref name="include"/> accepts, by their members' places in the order.</summary>
    private static SeenDigest OfSeen(Gossip gossip, Func<UniqueAddress, bool> include)
    {
        if (gossip.Seen.Count >= gossip.Members.Count / 2)
        {
            return Of(gossip, n => gossip.HasSeen(n) && include(n));
        }

        var included = gossip.Seen.Where(include).ToList();
        if (included.Count * SparseWalkFactor >= gossip.Members.Count)
        {
            var set = included.ToHashSet();
            return Of(gossip, set.Contains);
        }

        var bits = new ulong[(gossip.Members.Count + 63) / 64];
        foreach (var node in included)
        {
            if (gossip.TryGetMember(node, out var member) && gossip.Members.IndexOf(member) is var index and >= 0)
            {
                bits[index / 64] |= 1UL << (index % 64);
            }
        }

        return new SeenDigest(gossip.Members.Count, ImmutableArray.Create(bits));
    }

    private static SeenDigest Of(Gossip gossip, Func<UniqueAddress, bool> include)
    {
        var bits = new ulong[(gossip.Members.Count + 63) / 64];
        var index = 0;
        foreach (var member in gossip.Members)
        {
            if (include(member.UniqueAddress))
            {
                bits[index / 64] |= 1UL << (index % 64);
            }

            index++;
        }

        return new SeenDigest(gossip.Members.Count, ImmutableArray.Create(bits));
    }

    /// <summary>
    /// These bits, or at most <see cref="WindowWords"/> words of them: a window around the bit at
    /// <paramref name="anchor"/> when it is set (the sender's own entry, which an acknowledgement
    /// exists to carry), else around a random set bit, placed at random so that repeated statuses
    /// cover other members. A seen-set is only ever merged, so naming some of its entries is never
    /// wrong; the rest follow in later exchanges, and the leader hears each member's own entry.
    /// </summary>
    public SeenDigest Window(int anchor, Random random)
    {
        if (Bits.Length <= WindowWords)
        {
            return this;
        }

        var count = Count;

        if (count <= MostListed || MemberCount - count <= MostListed)
        {
            return this;
        }

        var anchorWord = anchor >= 0 && anchor < MemberCount && (Bits[anchor / 64] & (1UL << (anchor % 64))) != 0
            ? anchor / 64
            : WordOfSetBit(random.Next(count));
        var first = Math.Clamp(anchorWord - random.Next(WindowWords), 0, Bits.Length - WindowWords);
        var window = new ulong[Bits.Length];
        Bits.AsSpan(first, WindowWords).CopyTo(window.AsSpan(first));
        return new SeenDigest(MemberCount, ImmutableArray.Create(window));
    }

    /// <summary>The word that holds the <paramref name="nth"/> set bit (from 0).</summary>
    private int WordOfSetBit(int nth)
    {
        for (var w = 0; w < Bits.Length; w++)
        {
            var inWord = BitOperations.PopCount(Bits[w]);
            if (nth < inWord)
            {
                return w;
            }

            nth -= inWord;
        }

        return Bits.Length - 1;
    }

    /// <summary>The nodes these bits name in <paramref name="sameVersion"/>, or null if the digest does not fit it.</summary>
    public IReadOnlyList<UniqueAddress>? SeenIn(Gossip sameVersion)
    {
        if (sameVersion.Members.Count != MemberCount || Bits.Length != (MemberCount + 63) / 64)
        {
            return null;
        }

        var count = Count;

        var seen = new List<UniqueAddress>(count);
        if (count * SparseWalkFactor < MemberCount)
        {
            for (var w = 0; w < Bits.Length; w++)
            {
                for (var word = Bits[w]; word != 0; word &= word - 1)
                {
                    var at = (w * 64) + BitOperations.TrailingZeroCount(word);
                    if (at < MemberCount)
                    {
                        seen.Add(sameVersion.Members[at].UniqueAddress); // Padding bits name no one, as in the walk below.
                    }
                }
            }

            return seen;
        }

        var index = 0;
        foreach (var member in sameVersion.Members)
        {
            if ((Bits[index / 64] & (1UL << (index % 64))) != 0)
            {
                seen.Add(member.UniqueAddress);
            }

            index++;
        }

        return seen;
    }
}
