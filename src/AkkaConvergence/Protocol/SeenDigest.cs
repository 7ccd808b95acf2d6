using System.Collections.Immutable;
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
    public static SeenDigest Of(Gossip gossip) => Of(gossip, gossip.HasSeen);

    /// <summary>
    /// The nodes that have seen <paramref name="gossip"/> which <paramref name="known"/> does not
    /// list: what the answer to a node that sent us <paramref name="known"/> needs to say, since
    /// seen-sets are only ever merged. A few bits out of N, which the wire sends as indexes.
    /// </summary>
    public static SeenDigest Lacking(Gossip gossip, IReadOnlySet<UniqueAddress> known) => Of(gossip, n => gossip.HasSeen(n) && !known.Contains(n));

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

    /// <summary>The nodes these bits name in <paramref name="sameVersion"/>, or null if the digest does not fit it.</summary>
    public IReadOnlyList<UniqueAddress>? SeenIn(Gossip sameVersion)
    {
        if (sameVersion.Members.Count != MemberCount || Bits.Length != (MemberCount + 63) / 64)
        {
            return null;
        }

        var seen = new List<UniqueAddress>();
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
