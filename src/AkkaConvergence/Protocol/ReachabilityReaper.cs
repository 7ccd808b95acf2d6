using System.Collections.Immutable;

namespace AkkaConvergence.Protocol;

/// <summary>Turns the failure detector's verdicts into this node's rows of the reachability table.</summary>
internal static class ReachabilityReaper
{
    public static void OnObserved(CoreStep step, ImmutableHashSet<UniqueAddress> unavailable)
    {
        if (!step.State.IsInitialized || step.Gossip.IsSingletonCluster)
        {
            return;
        }

        var self = step.Self;
        var reachability = step.Gossip.Reachability;
        foreach (var member in step.Gossip.Members)
        {
            var node = member.UniqueAddress;
            if (node == self)
            {
                continue;
            }

            var observed = reachability.Status(self, node);
            if (unavailable.Contains(node) && observed == ReachabilityStatus.Reachable)
            {
                reachability = reachability.Unreachable(self, node);
                step.Note(NoteKind.MemberMarkedUnreachable, $"Marking {member} as unreachable.");
            }
            else if (!unavailable.Contains(node) && observed == ReachabilityStatus.Unreachable)
            {
                reachability = reachability.Reachable(self, node);
                step.Note(NoteKind.MemberMarkedReachable, $"Marking {member} as reachable again.");
            }
        }

        if (!ReferenceEquals(reachability, step.Gossip.Reachability))
        {
            step.ChangeLocally(step.Gossip.WithReachability(reachability));
        }
    }
}
