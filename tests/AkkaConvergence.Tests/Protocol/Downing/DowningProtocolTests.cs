using AkkaConvergence.Membership;
using AkkaConvergence.Protocol.Downing;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol.Downing;

public class DowningProtocolTests
{
    private static readonly UniqueAddress[] Nodes = Enumerable.Range(1, 5).Select(i => Node($"h{i}")).ToArray();
    private static readonly Gossip Base = TestGossips.SeenByAll(Nodes.Select((n, i) => TestMembers.Up(n, i + 1)).ToArray());
    private static readonly long StableAfter = (long)Settings.Downing.StableAfter.TotalMilliseconds;

    /// <summary>Leader h1 observes h5 unreachable at time 0.</summary>
    private static CoreState LeaderSeeingH5Unreachable(CoreSettings? settings = null) =>
        Observing(Holding(Nodes[0], Base, settings ?? PhiSettings), 0, Nodes[4]);

    /// <summary>The node's detectors, at <paramref name="now"/>, find exactly <paramref name="unavailable"/> unavailable, and it reaps.</summary>
    private static CoreState Observing(CoreState state, long now, params UniqueAddress[] unavailable) =>
        state.Monitoring(now, Nodes.Where(n => n != state.Self).Except(unavailable), unavailable).AtReap(now).State;

    [Fact]
    public void The_leader_downs_the_unreachable_minority_once_reachability_was_stable_for_stable_after()
    {
        var state = LeaderSeeingH5Unreachable();

        Assert.Equal(MemberStatus.Up, state.AtLeaderActionsRound(StableAfter - 1).State.Gossip.GetMember(Nodes[4]).Status);
        var decided = state.AtLeaderActionsRound(StableAfter);
        Assert.Equal(MemberStatus.Down, decided.State.Gossip.GetMember(Nodes[4]).Status);
        var fact = Assert.Single(decided.Effects<DowningDecided>());
        Assert.Equal([Nodes[4]], fact.Downed);
        Assert.False(fact.UnstableTooLong);
    }

    [Fact]
    public void A_change_of_the_unreachable_set_restarts_the_stable_after_clock()
    {
        var state = Observing(LeaderSeeingH5Unreachable(), StableAfter - 1, Nodes[3], Nodes[4]);

        Assert.Equal(MemberStatus.Up, state.AtLeaderActionsRound(StableAfter).State.Gossip.GetMember(Nodes[4]).Status);
        Assert.Equal(MemberStatus.Down, state.AtLeaderActionsRound((2 * StableAfter) - 1).State.Gossip.GetMember(Nodes[4]).Status);
    }

    [Fact]
    public void Non_leaders_do_not_decide()
    {
        var follower = Observing(Holding(Nodes[1], Base, PhiSettings), 0, Nodes[4]);

        Assert.Equal(MemberStatus.Up, follower.AtLeaderActionsRound(StableAfter * 2).State.Gossip.GetMember(Nodes[4]).Status);
    }

    [Fact]
    public void Downing_can_be_turned_off()
    {
        var off = PhiSettings with { Downing = Settings.Downing with { Strategy = DowningStrategy.Off } };

        var state = LeaderSeeingH5Unreachable(off);

        Assert.Equal(MemberStatus.Up, state.AtLeaderActionsRound(StableAfter * 10).State.Gossip.GetMember(Nodes[4]).Status);
    }

    [Fact]
    public void Every_node_downs_all_when_reachability_stays_unstable_too_long()
    {
        var settings = PhiSettings with { Downing = Settings.Downing with { StableAfter = TimeSpan.FromSeconds(10), DownAllWhenUnstable = TimeSpan.FromSeconds(5) } };
        var follower = Holding(Nodes[1], Base, settings);
        var state = Observing(follower, 0, Nodes[4]);
        for (var t = 1_000; t < 15_000; t += 1_000)
        {
            var flapping = t / 1_000 % 2 == 0 ? new[] { Nodes[4] } : [Nodes[3], Nodes[4]];
            state = Observing(state, t, flapping);
        }

        Assert.Equal(MemberStatus.Up, state.AtLeaderActionsRound(14_500).State.Gossip.GetMember(Nodes[0]).Status); // Changes span 14 s.
        state = Observing(state, 15_000, Nodes[3], Nodes[4]);
        var result = state.AtLeaderActionsRound(15_100); // Now they span 15 s: stable-after plus the margin.

        Assert.All(result.State.Gossip.Members, m => Assert.Equal(MemberStatus.Down, m.Status));
    }

    /// <summary>
    /// As Akka's resolver resets its instability statistics when it acts: a decision settles what
    /// was unreachable before it. Measured from the first change only, half a minute of chaos with
    /// a decision in between was one long instability and every node downed itself.
    /// </summary>
    [Fact]
    public void A_decision_restarts_the_down_all_when_unstable_margin()
    {
        var settings = PhiSettings with { Downing = Settings.Downing with { StableAfter = TimeSpan.FromSeconds(10), DownAllWhenUnstable = TimeSpan.FromSeconds(5) } };
        var state = Observing(Holding(Nodes[1], Base, settings), 0, Nodes[4]);
        for (var t = 1_000; t < 8_000; t += 1_000)
        {
            state = Observing(state, t, t / 1_000 % 2 == 0 ? new[] { Nodes[4] } : [Nodes[3], Nodes[4]]);
        }

        state = state.Step(new DownCommand(Nodes[4].Address), now: 8_000).State; // h5 decided.
        for (var t = 9_000; t <= 23_000; t += 1_000)
        {
            state = Observing(state, t, t / 1_000 % 2 == 0 ? new[] { Nodes[3], Nodes[4] } : [Nodes[2], Nodes[3], Nodes[4]]);
            if (t == 15_000)
            {
                // 15 s after the first change, but only 7 s after the decision.
                Assert.Equal(MemberStatus.Up, state.AtLeaderActionsRound(15_100).State.Gossip.GetMember(Nodes[1]).Status);
            }
        }

        var result = state.AtLeaderActionsRound(23_100); // The changes since the decision span 15 s.
        Assert.Equal(MemberStatus.Down, result.State.Gossip.GetMember(Nodes[1]).Status);
        Assert.True(Assert.Single(result.Effects<DowningDecided>()).UnstableTooLong);
    }

    [Fact]
    public void Indirectly_connected_nodes_are_downed_with_the_decision_over_the_rest()
    {
        // h4 and h5 see each other unreachable but both still talk to h1..h3.
        var reachability = Reachability.Empty.Unreachable(Nodes[3], Nodes[4]).Unreachable(Nodes[4], Nodes[3]);
        var membership = new MembershipState(Nodes[0], Base.WithReachability(reachability));

        var decision = DowningProtocol.Decide(Settings.Downing, membership, DowningView.Of(membership, string.Empty));

        Assert.Equal(DowningDecisionKind.DownIndirectlyConnected, decision.Kind);
        Assert.Equal([Nodes[3], Nodes[4]], decision.NodesToDown);
    }

    [Fact]
    public void Failures_that_follow_one_another_are_not_instability_until_their_changes_span_the_margin()
    {
        var settings = PhiSettings with { Downing = Settings.Downing with { StableAfter = TimeSpan.FromSeconds(10), DownAllWhenUnstable = TimeSpan.FromSeconds(5) } };
        var state = Observing(Holding(Nodes[1], Base, settings), 0, Nodes[4]);
        state = Observing(state, 8_000, Nodes[3], Nodes[4]); // A second crash 8 s later: the set changed, the span is 8 s.

        var result = state.AtLeaderActionsRound(16_000); // 16 s after the first change, not stable yet (8 s).

        Assert.All(result.State.Gossip.Members, m => Assert.Equal(MemberStatus.Up, m.Status));
    }

    [Fact]
    public void A_member_accused_by_one_observer_while_it_has_seen_the_current_gossip_is_kept_and_the_observer_is_downed()
    {
        // h5 alone cannot reach h4, yet h4 is talking to everyone else (it has seen this version).
        var membership = new MembershipState(Nodes[0], Base.WithReachability(Reachability.Empty.Unreachable(Nodes[4], Nodes[3])));

        var decision = DowningProtocol.Decide(Settings.Downing, membership, DowningView.Of(membership, string.Empty));

        Assert.Equal(DowningDecisionKind.DownIndirectlyConnected, decision.Kind);
        Assert.Equal([Nodes[4]], decision.NodesToDown);
    }

    [Fact]
    public void A_starved_observer_that_accuses_half_the_cluster_is_downed_alone_never_the_healthy_half()
    {
        // akka.net #7141: one observer marks the others unreachable; they all still talk (and have seen the gossip).
        var nodes = Enumerable.Range(1, 10).Select(i => Node($"m{i}")).ToArray();
        var gossip = TestGossips.SeenByAll(nodes.Select((n, i) => TestMembers.Up(n, i + 1)).ToArray());
        var starved = nodes[9];
        var accusations = nodes.Take(5).Aggregate(Reachability.Empty, (r, n) => r.Unreachable(starved, n));
        var membership = new MembershipState(nodes[0], gossip.WithReachability(accusations));

        var decision = DowningProtocol.Decide(Settings.Downing, membership, DowningView.Of(membership, string.Empty));

        Assert.Equal([starved], decision.NodesToDown);
    }

    [Fact]
    public void A_crashed_member_that_has_not_seen_the_gossip_is_left_to_the_strategy()
    {
        var unseen = Base.WithReachability(Reachability.Empty.Unreachable(Nodes[0], Nodes[4])).Increment(Nodes[0]).OnlySeen(Nodes[0]);
        var membership = new MembershipState(Nodes[0], Nodes.Take(4).Aggregate(unseen, (g, n) => g.MarkSeen(n)));

        var decision = DowningProtocol.Decide(Settings.Downing, membership, DowningView.Of(membership, string.Empty));

        Assert.Equal(DowningDecisionKind.DownUnreachable, decision.Kind);
        Assert.Equal([Nodes[4]], decision.NodesToDown);
    }
}
