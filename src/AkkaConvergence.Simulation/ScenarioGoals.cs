namespace AkkaConvergence.Simulation;

/// <summary>What "done" means for one node's view in each scenario.</summary>
internal static class ScenarioGoals
{
    /// <summary>
    /// The expected members, all Up, nobody unreachable. Convergence itself is global: the run is
    /// done when every live node reached this goal and holds the same version, i.e. everyone has
    /// seen it (a node's own convergence flag only says when it learned that).
    /// </summary>
    public static bool AllUpAndConverged(SimulatedNode node, Func<UniqueAddress, bool> isExpected, int expectedCount)
    {
        var state = node.State;
        if (!state.IsInitialized || state.Gossip.Members.Count != expectedCount || !state.Gossip.Reachability.AllUnreachableOrTerminated.IsEmpty)
        {
            return false;
        }

        foreach (var member in state.Gossip.Members)
        {
            if (member.Status != MemberStatus.Up || !isExpected(member.UniqueAddress))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The node marks <paramref name="victim"/> unreachable (or has already removed it).</summary>
    public static bool MarksUnreachableOrRemoved(SimulatedNode node, UniqueAddress victim) =>
        node.State.IsInitialized
        && (!node.State.Gossip.HasMember(victim) || !node.State.Membership.ReachabilityExcludingDownedObservers.IsReachable(victim));

    /// <summary>The node holds <paramref name="owner"/>'s entry under <paramref name="key"/> at <paramref name="version"/> or later.</summary>
    public static bool HoldsEntry(SimulatedNode node, UniqueAddress owner, string key, long version) =>
        node.State.KeyValue.Store.Of(owner).Entries.TryGetValue(key, out var entry) && entry.Version >= version;

    public static Func<SimulatedNode, bool> CurrentIncarnationsUp(SimulatedCluster cluster, int expectedCount) =>
        node => AllUpAndConverged(node, member => cluster.NodeAt(SlotOf(member))?.Self == member, expectedCount);

    public static int SlotOf(UniqueAddress node) => int.Parse(node.Address.Host!.AsSpan("node-".Length), System.Globalization.CultureInfo.InvariantCulture);
}
