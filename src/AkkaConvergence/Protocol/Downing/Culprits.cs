using System.Collections.Immutable;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol.Downing;

/// <summary>
/// Who is to blame when reachability records contradict each other, so that a starved or partly
/// cut-off node can never make the leader down healthy members (akka.net #7141: one unreachable
/// observer made the leader down the whole cluster).
/// </summary>
/// <remarks>
/// Three cases. An observer that is itself marked unreachable by others (a cycle) is indirectly
/// connected: it is downed (Akka's rule). A member accused by exactly one observer while it has
/// seen the current gossip is alive and talking to the rest: the observer is the suspect, not the
/// observed, and only the observer is downed. A member accused by several observers while it has
/// seen the current gossip is indirectly connected with them: all are downed (Akka's rule). What
/// the culprits alone accuse does not count as unreachable for the strategy.
/// </remarks>
/// <param name="ToDown">The culprits, downed whatever the strategy decides about the rest.</param>
/// <param name="StillUnreachable">The members that stay unreachable once the culprits' accusations are set aside.</param>
internal sealed record Culprits(ImmutableSortedSet<UniqueAddress> ToDown, ImmutableSortedSet<UniqueAddress> StillUnreachable)
{
    public static Culprits In(MembershipState membership)
    {
        var gossip = membership.LatestGossip;
        var records = membership.ReachabilityExcludingDownedObservers.Records.Where(r => r.Status != ReachabilityStatus.Reachable).ToList();
        var observers = records.Select(r => r.Observer).ToHashSet();
        var culprits = records.Select(r => r.Subject).Where(observers.Contains).ToHashSet();
        foreach (var accused in records.GroupBy(r => r.Subject).Where(g => gossip.HasSeen(g.Key)))
        {
            var accusers = accused.Select(r => r.Observer).Distinct().ToList();
            culprits.UnionWith(accusers);
            if (accusers.Count > 1)
            {
                culprits.Add(accused.Key);
            }
        }

        var stillUnreachable = records
            .Where(r => !culprits.Contains(r.Observer) && !culprits.Contains(r.Subject))
            .Select(r => r.Subject)
            .Where(node => node != membership.Self);
        return new Culprits([.. culprits.Where(gossip.HasMember)], [.. stillUnreachable]);
    }
}
