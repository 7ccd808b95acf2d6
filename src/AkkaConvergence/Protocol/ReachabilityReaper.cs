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

        var settings = step.Settings.FailureDetector;
        var monitored = step.State.Heartbeats.Monitored;

        // Only monitored members and those self flagged before can change: O(k), not O(N).
        var candidates = monitored.Keys.Union(step.Gossip.Reachability.AllUnreachableOrTerminatedFrom(step.Self)).Order().ToList();
        var unavailable = candidates.Where(node => monitored.GetValueOrDefault(node)?.Detector is { } detector && !detector.IsAvailable(step.NowMillis, settings));
        var available = candidates.Where(node => monitored.GetValueOrDefault(node)?.Detector is { } detector && detector.IsAvailable(step.NowMillis, settings));
        OwnReachability.Mark(step, unavailable.ToList(), available.ToList());
    }
}
