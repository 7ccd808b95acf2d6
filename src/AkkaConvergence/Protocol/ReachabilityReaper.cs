using System.Collections.Immutable;
using AkkaConvergence.Membership;

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

        // Only nodes the detector flags now, or that self flagged before, can change: O(k), not O(N).
        var candidates = unavailable.Union(reachability.AllUnreachableOrTerminatedFrom(self)).Order();
        foreach (var node in candidates)
        {
            if (node == self || !step.Gossip.TryGetMember(node, out var member))
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
