using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AkkaConvergence.Membership;

namespace AkkaConvergence.FailureDetection;

/// <summary>
/// Who heartbeats whom. Members sit on a ring ordered by uid (a stable pseudo-random permutation,
/// so neighbours are not clustered by host), then address; each node monitors the next k live
/// members clockwise, so every live member keeps k live observers.
/// </summary>
/// <remarks>
/// Members that are Down, Exiting or unreachable do not use up one of the k places: a node walks
/// past them to its next live members (Akka's ring does the same for unreachable ones, so that when
/// many nodes stop together the survivors still watch someone alive). Those met before the k-th
/// live one are monitored as well, so they are watched until they are gone (a Down member is
/// removed only once it is seen unreachable). Members this node itself marks unreachable are
/// always monitored: only their heartbeats can show they are back.
/// </remarks>
internal static class HeartbeatRing
{
    private static readonly ConditionalWeakTable<ImmutableSortedSet<Member>, UniqueAddress[]> RingOrders = new();

    /// <summary>The members <paramref name="self"/> monitors, in ring order.</summary>
    public static ImmutableArray<UniqueAddress> ReceiversOf(UniqueAddress self, Gossip gossip, int monitoredByNrOfMembers)
    {
        var ring = RingOrderOf(gossip.Members);
        var accused = gossip.Reachability.AllUnreachableOrTerminatedFrom(self);
        var receivers = ImmutableArray.CreateBuilder<UniqueAddress>();
        var start = Array.BinarySearch(ring, self, RingComparer.Instance);
        start = start >= 0 ? start + 1 : ~start;
        var live = 0;
        for (var i = 0; i < ring.Length && live < monitoredByNrOfMembers; i++)
        {
            var node = ring[(start + i) % ring.Length];
            if (node == self)
            {
                continue;
            }

            if (IsLive(node, gossip))
            {
                live++;
                receivers.Add(node);
            }
            else
            {
                // Every one met before the k-th live member, however many: otherwise a Down or
                // Exiting member behind a run of k others would be in no ring, never seen
                // unreachable, and never removed.
                receivers.Add(node);
            }
        }

        foreach (var node in accused)
        {
            if (!receivers.Contains(node))
            {
                receivers.Add(node);
            }
        }

        return receivers.ToImmutable();
    }

    /// <summary>
    /// The members that monitor <paramref name="subject"/>, seen from one view: walking the ring
    /// the other way, the first k live members (those passed on the way included, as the forward
    /// walk includes them). Exact while views agree; a hint for whom to tell about a suspicion.
    /// </summary>
    public static ImmutableArray<UniqueAddress> MonitorsOf(UniqueAddress subject, Gossip gossip, int monitoredByNrOfMembers)
    {
        var ring = RingOrderOf(gossip.Members);
        var monitors = ImmutableArray.CreateBuilder<UniqueAddress>();
        var at = Array.BinarySearch(ring, subject, RingComparer.Instance);
        at = at >= 0 ? at : ~at;
        var live = 0;
        for (var i = 1; i <= ring.Length && live < monitoredByNrOfMembers; i++)
        {
            var node = ring[((at - i) % ring.Length + ring.Length) % ring.Length];
            if (node == subject)
            {
                continue;
            }

            if (IsLive(node, gossip))
            {
                live++;
                monitors.Add(node);
            }
            else if (monitors.Count < monitoredByNrOfMembers)
            {
                monitors.Add(node);
            }
        }

        return monitors.ToImmutable();
    }

    /// <summary>
    /// The members in ring order. Memoized per member set: the order depends only on the set, and
    /// every node holding one gossip version shares the same instance, so a version is sorted once.
    /// </summary>
    private static UniqueAddress[] RingOrderOf(ImmutableSortedSet<Member> members) =>
        RingOrders.GetValue(members, set => [.. set.Select(m => m.UniqueAddress).Order(RingComparer.Instance)]);

    private static bool IsLive(UniqueAddress node, Gossip gossip) =>
        gossip.Reachability.IsReachable(node)
        && gossip.TryGetMember(node, out var member)
        && member.Status is not (MemberStatus.Down or MemberStatus.Exiting);

    private sealed class RingComparer : IComparer<UniqueAddress>
    {
        public static readonly RingComparer Instance = new();

        public int Compare(UniqueAddress? x, UniqueAddress? y)
        {
            var byUid = x!.Uid.CompareTo(y!.Uid);
            return byUid != 0 ? byUid : x.CompareTo(y);
        }
    }
}
