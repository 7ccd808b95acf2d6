using System.Collections.Immutable;

namespace AkkaConvergence.FailureDetection;

/// <summary>
/// Who heartbeats whom. Nodes sit on a ring ordered by uid (a stable pseudo-random permutation,
/// so neighbours are not clustered by host), then address; each node sends heartbeats to, and
/// monitors, the next <c>k</c> nodes clockwise. Every node is thus watched by at most <c>k</c>
/// others, and the failure of any node is noticed by up to <c>k</c> observers.
/// </summary>
internal static class HeartbeatRing
{
    public static ImmutableArray<UniqueAddress> ReceiversOf(UniqueAddress self, IEnumerable<UniqueAddress> nodes, int monitoredByNrOfMembers)
    {
        var ring = nodes.Append(self).Distinct().OrderBy(n => n.Uid).ThenBy(n => n).ToList();
        var start = ring.IndexOf(self);
        var count = Math.Min(monitoredByNrOfMembers, ring.Count - 1);
        var receivers = ImmutableArray.CreateBuilder<UniqueAddress>(count);
        for (var i = 1; i <= count; i++)
        {
            receivers.Add(ring[(start + i) % ring.Count]);
        }

        return receivers.MoveToImmutable();
    }
}
