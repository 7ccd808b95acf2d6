using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>Turns the failure detector's verdicts into this node's rows of the reachability table.</summary>
internal static class ReachabilityReaper
{
    /// <summary>
    /// A monitored member whose detector says unavailable is marked unreachable. A member this node
    /// marked unreachable is marked reachable again only on evidence: its detector, fed by fresh
    /// answers, says available. Being no longer monitored is no evidence (Akka clears the row then).
    /// </summary>
    public static void Reap(CoreStep step)
    {
        if (!step.State.IsInitialized || step.Gossip.IsSingletonCluster)
        {
            return;
        }

        var self = step.Self;
        var settings = step.Settings.FailureDetector;
        var monitored = step.State.Heartbeats.Monitored;
        var reachability = step.Gossip.Reachability;

        // Only monitored members and those self flagged before can change: O(k), not O(N).
        var candidates = monitored.Keys.Union(reachability.AllUnreachableOrTerminatedFrom(self)).Order();
        foreach (var node in candidates)
        {
            if (node == self || !step.Gossip.TryGetMember(node, out var member))
            {
                continue;
            }

            var detector = monitored.GetValueOrDefault(node)?.Detector;
            var observed = reachability.Status(self, node);
            if (detector is not null && !detector.IsAvailable(step.NowMillis, settings) && observed == ReachabilityStatus.Reachable)
            {
                reachability = reachability.Unreachable(self, node);
                step.Note(new MarkedUnreachable(member));
            }
            else if (detector is not null && detector.IsAvailable(step.NowMillis, settings) && observed == ReachabilityStatus.Unreachable)
            {
                reachability = reachability.Reachable(self, node);
                step.Note(new MarkedReachable(member));
            }
        }

        if (!ReferenceEquals(reachability, step.Gossip.Reachability))
        {
            step.ChangeLocally(step.Gossip.WithReachability(reachability));
        }
    }
}
