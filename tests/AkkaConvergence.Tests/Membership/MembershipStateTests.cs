using System.Collections.Immutable;
using AkkaConvergence.Membership;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Membership;

public class MembershipStateTests
{
    private static readonly Member A = TestMembers.Up("a", upNumber: 1);
    private static readonly Member B = TestMembers.Up("b", upNumber: 2);
    private static readonly Member C = TestMembers.Up("c", upNumber: 3);

    private static MembershipState StateOf(Member self, Gossip gossip) => new(self.UniqueAddress, gossip);

    [Fact]
    public void Converged_when_every_up_member_has_seen_the_version()
    {
        Assert.True(StateOf(A, TestGossips.SeenByAll(A, B, C)).IsConverged());
        Assert.False(StateOf(A, TestGossips.SeenByAll(A, B, C).OnlySeen(A.UniqueAddress)).IsConverged());
    }

    [Fact]
    public void Joining_weakly_up_exiting_and_down_members_need_not_have_seen_it()
    {
        var gossip = TestGossips.Of(A, TestMembers.Joining("d"), TestMembers.WeaklyUp("e"), TestMembers.Exiting("f"), TestMembers.Down("g"))
            .MarkSeen(A.UniqueAddress);

        Assert.True(StateOf(A, gossip).IsConverged());
    }

    [Fact]
    public void Leaving_members_must_have_seen_it()
    {
        var gossip = TestGossips.Of(A, TestMembers.Leaving("d")).MarkSeen(A.UniqueAddress);

        Assert.False(StateOf(A, gossip).IsConverged());
    }

    [Fact]
    public void An_unreachable_up_member_blocks_convergence_until_it_is_down()
    {
        var suspected = TestGossips.SeenByAll(A, B, C).WithReachability(Reachability.Empty.Unreachable(A.UniqueAddress, C.UniqueAddress));
        Assert.False(StateOf(A, suspected).IsConverged());

        var downed = suspected.MarkAsDown(C);
        Assert.True(StateOf(A, downed).IsConverged());
    }

    [Fact]
    public void Self_never_blocks_its_own_convergence()
    {
        var gossip = TestGossips.SeenByAll(A, B).WithReachability(Reachability.Empty.Unreachable(B.UniqueAddress, A.UniqueAddress));

        Assert.True(StateOf(A, gossip).IsConverged());
        Assert.False(StateOf(B, gossip).IsConverged());
    }

    [Fact]
    public void Observations_made_by_down_members_are_ignored()
    {
        var downB = B.WithStatus(MemberStatus.Down);
        var gossip = TestGossips.SeenByAll(A, downB, C).WithReachability(Reachability.Empty.Unreachable(B.UniqueAddress, C.UniqueAddress));

        Assert.True(StateOf(A, gossip).IsConverged());
        Assert.Empty(StateOf(A, gossip).UnreachableMembers);
    }

    [Fact]
    public void An_exiting_confirmed_member_does_not_block_convergence()
    {
        var leaving = B.WithStatus(MemberStatus.Leaving);
        var gossip = TestGossips.Of(A, leaving, C).MarkSeen(A.UniqueAddress).MarkSeen(C.UniqueAddress)
            .WithReachability(Reachability.Empty.Unreachable(A.UniqueAddress, B.UniqueAddress));

        Assert.False(StateOf(A, gossip).IsConverged());
        Assert.True(StateOf(A, gossip).IsConverged(ImmutableHashSet.Create(B.UniqueAddress)));
    }

    [Fact]
    public void The_leader_is_the_first_reachable_up_or_leaving_member_in_address_order()
    {
        Assert.Equal(A.UniqueAddress, StateOf(C, TestGossips.Of(A, B, C)).Leader);
        Assert.Equal(A.UniqueAddress, StateOf(C, TestGossips.Of(A.WithStatus(MemberStatus.Leaving), B, C)).Leader);
        Assert.Equal(B.UniqueAddress, StateOf(C, TestGossips.Of(A.WithStatus(MemberStatus.Down), B, C)).Leader);
        Assert.Equal(B.UniqueAddress, StateOf(C, TestGossips.Of(A.WithStatus(MemberStatus.Leaving).WithStatus(MemberStatus.Exiting), B, C)).Leader);
    }

    [Fact]
    public void An_unreachable_member_cannot_lead_but_self_always_can()
    {
        var gossip = TestGossips.Of(A, B, C).WithReachability(Reachability.Empty.Unreachable(C.UniqueAddress, A.UniqueAddress));

        Assert.Equal(B.UniqueAddress, StateOf(C, gossip).Leader);
        Assert.Equal(A.UniqueAddress, StateOf(A, gossip).Leader);
    }

    [Fact]
    public void Without_up_members_the_best_of_the_rest_leads()
    {
        var joiningA = TestMembers.Joining("a");
        var weaklyUpB = TestMembers.WeaklyUp("b");

        Assert.Equal(weaklyUpB.UniqueAddress, StateOf(joiningA, TestGossips.Of(joiningA, weaklyUpB)).Leader);
        Assert.Equal(joiningA.UniqueAddress, StateOf(joiningA, TestGossips.Of(joiningA, TestMembers.Joining("b"))).Leader);
        Assert.Null(StateOf(A, Gossip.Empty).Leader);
    }

    [Fact]
    public void Role_leaders_are_chosen_among_members_with_the_role()
    {
        var backendB = TestMembers.Up("b", upNumber: 2, roles: ["backend"]);
        var backendC = TestMembers.Up("c", upNumber: 3, roles: ["backend", "frontend"]);
        var state = StateOf(A, TestGossips.Of(A, backendB, backendC));

        Assert.Equal(backendB.UniqueAddress, state.RoleLeader("backend"));
        Assert.Equal(backendC.UniqueAddress, state.RoleLeader("frontend"));
        Assert.Null(state.RoleLeader("none"));
        Assert.Equal(["backend", "frontend"], state.AllRoles);
    }

    [Fact]
    public void Valid_gossip_targets_exclude_self_and_nodes_self_finds_unreachable()
    {
        var gossip = TestGossips.Of(A, B, C).WithReachability(
            Reachability.Empty.Unreachable(A.UniqueAddress, B.UniqueAddress).Unreachable(B.UniqueAddress, C.UniqueAddress));
        var state = StateOf(A, gossip);

        Assert.Equal([C.UniqueAddress], state.ValidGossipTargets);
        Assert.False(state.IsValidGossipTarget(Node("stranger")));
    }

    [Fact]
    public void Exit_confirmations_count_towards_convergence_in_place_of_seen_entries()
    {
        var gossip = TestGossips.Of(A, B, TestMembers.Leaving("d")).MarkSeen(A.UniqueAddress).MarkSeen(B.UniqueAddress);
        var leaver = gossip.Members.Single(m => m.Status == MemberStatus.Leaving).UniqueAddress;

        Assert.False(StateOf(A, gossip).IsConverged());
        Assert.True(StateOf(A, gossip).IsConverged(ImmutableHashSet.Create(leaver)));
        Assert.False(StateOf(A, gossip.OnlySeen(A.UniqueAddress)).IsConverged(ImmutableHashSet.Create(leaver)));
    }

    [Fact]
    public void A_new_seen_entry_keeps_the_view_and_a_member_or_reachability_change_renews_it()
    {
        var gossip = TestGossips.SeenByAll(A, B, C).OnlySeen(A.UniqueAddress);
        var state = StateOf(A, gossip);
        var (leader, targets) = (state.Leader, state.ValidGossipTargets);

        var seen = state.WithGossip(gossip.MarkSeen(B.UniqueAddress).MarkSeen(C.UniqueAddress));
        var unreachable = seen.WithGossip(seen.LatestGossip.WithReachability(Reachability.Empty.Unreachable(A.UniqueAddress, B.UniqueAddress)));
        var downed = seen.WithGossip(seen.LatestGossip.MarkAsDown(A));

        Assert.Same(targets, seen.ValidGossipTargets);
        Assert.Equal(leader, seen.Leader);
        Assert.True(seen.IsConverged());
        Assert.Equal([C.UniqueAddress], unreachable.ValidGossipTargets);
        Assert.Equal(B.UniqueAddress, downed.Leader);
    }
}
