using System.Runtime.CompilerServices;
using System.Text;

namespace AkkaConvergence.Protocol;

/// <summary>
/// A 64-bit fingerprint of a gossip's version and seen-set: equal on two nodes exactly when (but
/// for a 2^-64 chance) their clocks and seen-sets are equal, so a periodic round between nodes that
/// agree costs 8 bytes instead of the whole clock, which grows with the cluster's history.
/// Stable across processes (FNV-1a and a 64-bit finaliser, never <see cref="string.GetHashCode()"/>,
/// which .NET randomises per process). Computed once per gossip instance.
/// </summary>
internal static class GossipFingerprint
{
    private static readonly ConditionalWeakTable<Membership.Gossip, StrongBox<ulong>> Cache = new();
    private static readonly ConditionalWeakTable<VectorClock, StrongBox<ulong>> VersionCache = new();

    public static ulong Of(Membership.Gossip gossip) => Cache.GetValue(gossip, g => new StrongBox<ulong>(Compute(g))).Value;

    /// <summary>
    /// The clock alone, which names a version's content (equal clocks mean equal content, see
    /// <see cref="GossipReceiver"/>): what a <see cref="GossipDelta"/> is based on and leads to.
    /// </summary>
    public static ulong OfVersion(VectorClock version) =>
        VersionCache.GetValue(version, v => new StrongBox<ulong>(ComputeVersion(v))).Value;

    private static ulong ComputeVersion(VectorClock version)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var (node, counter) in version.Versions)
        {
            foreach (var b in Encoding.UTF8.GetBytes(node))
            {
                hash = (hash ^ b) * 0x100000001B3UL;
            }

            hash = Mix(hash ^ unchecked((ulong)counter));
        }

        return hash;
    }

    private static ulong Compute(Membership.Gossip gossip)
    {
        var hash = OfVersion(gossip.Version);
        var seen = SeenDigest.Of(gossip);
        hash = Mix(hash ^ unchecked((ulong)seen.MemberCount));
        foreach (var word in seen.Bits)
        {
            hash = Mix(hash ^ word);
        }

        return hash;
    }

    /// <summary>The splitmix64 finaliser: every input bit moves about half the output bits.</summary>
    public static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
