using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>This node's own rows of the reachability table, changed as one new version per step.</summary>
internal static class OwnReachability
{
    /// <summary>Marks the members unreachable or reachable again (as observed by self); nothing for non-members or unchanged rows.</summary>
    public static void Mark(CoreStep step, IEnumerable<UniqueAddress> unreachable, IEnumerable<UniqueAddress> reachable)
    {
        var reachability = step.Gossip.Reachability;
        foreach (var node in unreachable)
        {
            if (node != step.Self && step.Gossip.TryGetMember(node, out var member) && reachability.Status(step.Self, node) == ReachabilityStatus.Reachable)
            {
                reachability = reachability.Unreachable(step.Self, node);
                step.Note(new MarkedUnreachable(member));
            }
        }

        foreach (var node in reachable)
        {
            if (step.Gossip.TryGetMember(node, out var member) && reachability.Status(step.Self, node) == ReachabilityStatus.Unreachable)
            {
                reachability = reachability.Reachable(step.Self, node);
                step.Note(new MarkedReachable(member));
            }
        }

        if (!ReferenceEquals(reachability, step.Gossip.Reachability))
        {
            step.ChangeLocally(step.Gossip.WithReachability(reachability));
        }
    }

    public static bool IsAccusedBySelf(CoreStep step, UniqueAddress node) =>
        step.Gossip.Reachability.Status(step.Self, node) != ReachabilityStatus.Reachable;
}
