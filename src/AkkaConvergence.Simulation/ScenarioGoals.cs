using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace AkkaConvergence.Simulation;

/// <summary>What "done" means for one node's view in each scenario.</summary>
internal static class ScenarioGoals
{
    /// <summary>
    /// The expected members, all Up, nobody unreachable. Convergence itself is global: the run is
    /// done when every live node reached this goal and holds the same version, i.e. everyone has
    /// seen it (a node's own convergence flag only says when it learned that).
    /// </summary>
    public static bool AllUpAndConverged(SimulatedNode node, Func<ImmutableSortedSet<Member>, bool> allUpAndExpected, int expectedCount)
    {
        var state = node.State;
        return state.IsInitialized
               && state.Gossip.Members.Count == expectedCount
               && state.Gossip.Reachability.AllUnreachableOrTerminated.IsEmpty
               && allUpAndExpected(state.Gossip.Members);
    }

    /// <summary>
    /// Whether every member is Up and expected, remembered per member set: the goal is checked after
    /// every step of every node, most steps keep the node's members, and walking them all each time
    /// was a large share of a run at 10,000 nodes. <paramref name="epoch"/> changes whenever what
    /// is expected may have (a new incarnation somewhere), which forgets what was remembered.
    /// </summary>
    public static Func<ImmutableSortedSet<Member>, bool> AllUp(Func<UniqueAddress, bool> isExpected, Func<long> epoch)
    {
        var remembered = new ConditionalWeakTable<ImmutableSortedSet<Member>, StrongBox<(long Epoch, bool AllUp)>>();
        return members =>
        {
            var now = epoch();
            if (remembered.TryGetValue(members, out var box) && box.Value.Epoch == now)
            {
                return box.Value.AllUp;
            }

            var allUp = members.All(m => m.Status == MemberStatus.Up && isExpected(m.UniqueAddress));
            remembered.AddOrUpdate(members, new StrongBox<(long, bool)>((now, allUp)));
            return allUp;
        };
    }

    /// <summary>The node marks <paramref name="victim"/> unreachable (or has already removed it).</summary>
    public static bool MarksUnreachableOrRemoved(SimulatedNode node, UniqueAddress victim) =>
        node.State.IsInitialized
        && (!node.State.Gossip.HasMember(victim) || !node.State.Membership.ReachabilityExcludingDownedObservers.IsReachable(victim));

    /// <summary>The node holds <paramref name="owner"/>'s entry under <paramref name="key"/> at <paramref name="version"/> or later.</summary>
    public static bool HoldsEntry(SimulatedNode node, UniqueAddress owner, string key, long version) =>
        node.State.KeyValue.Store.Of(owner).Entries.TryGetValue(key, out var entry) && entry.Version >= version;

    public static Func<SimulatedNode, bool> CurrentIncarnationsUp(SimulatedCluster cluster, int expectedCount) =>
        AllUpAndConverged(AllUp(cluster.IsCurrentIncarnation, () => cluster.IncarnationsStarted), expectedCount);

    public static Func<SimulatedNode, bool> AllUpAndConverged(Func<ImmutableSortedSet<Member>, bool> allUpAndExpected, int expectedCount) =>
        node => AllUpAndConverged(node, allUpAndExpected, expectedCount);

    public static int SlotOf(UniqueAddress node) => int.Parse(node.Address.Host!.AsSpan("node-".Length), System.Globalization.CultureInfo.InvariantCulture);
}
