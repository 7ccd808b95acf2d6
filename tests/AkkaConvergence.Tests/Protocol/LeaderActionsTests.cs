using System.Collections.Immutable;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class LeaderActionsTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");
    private static readonly UniqueAddress C = Node("c");
    private static readonly UniqueAddress D = Node("d");

    private static IReadOnlyList<MemberTransition> Proposed(CoreResult result) =>
        result.Effects<LeaderTransitionsProposed>().SingleOrDefault()?.Transitions ?? [];

    private static IEnumerable<(UniqueAddress Node, MemberStatus To)> Moves(CoreResult result) =>
        Proposed(result).Select(t => (t.Member.UniqueAddress, t.To));

    [Fact]
    public void With_convergence_the_leader_moves_joiners_up_leaving_to_exiting_and_removes_unreachable_down_members()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Joining(B), TestMembers.Leaving("c", 2), TestMembers.Down("d", 3))
            .WithReachability(Reachability.Empty.Unreachable(A, D));

        var result = Holding(A, gossip).AtLeaderActionsRound();

        Assert.Equal([(B, MemberStatus.Up), (C, MemberStatus.Exiting), (D, MemberStatus.Removed)], Moves(result));
    }

    [Fact]
    public void Only_the_leader_acts()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Joining(B));

        Assert.Empty(Proposed(Holding(B, gossip).AtLeaderActionsRound()));
    }

    [Fact]
    public void Without_convergence_nothing_moves_until_weakly_up_is_allowed()
    {
        var gossip = TestGossips.Of(TestMembers.Up(A, 1), TestMembers.Up(B, 2), TestMembers.Joining(C)).MarkSeen(A);
        var weaklyUpAfter = (long)Settings.AllowWeaklyUpMembers!.Value.TotalMilliseconds;

        var first = Holding(A, gossip).AtLeaderActionsRound(0);
        Assert.Empty(Proposed(first));
        Assert.Empty(Proposed(first.State.AtLeaderActionsRound(weaklyUpAfter - 1)));
        Assert.Equal([(C, MemberStatus.WeaklyUp)], Moves(first.State.AtLeaderActionsRound(weaklyUpAfter)));
    }

    [Fact]
    public void Weakly_up_can_be_turned_off()
    {
        var gossip = TestGossips.Of(TestMembers.Up(A, 1), TestMembers.Up(B, 2), TestMembers.Joining(C)).MarkSeen(A);
        var settings = Settings with { AllowWeaklyUpMembers = null };

        var later = Holding(A, gossip, settings).AtLeaderActionsRound(0).State.AtLeaderActionsRound(3_600_000);

        Assert.Empty(Proposed(later));
    }

    [Fact]
    public void Joiners_wait_for_min_nr_of_members_and_for_each_role_minimum()
    {
        var two = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Joining(B));
        Assert.Empty(Proposed(Holding(A, two, Settings with { MinNrOfMembers = 3 }).AtLeaderActionsRound()));
        Assert.NotEmpty(Proposed(Holding(A, two, Settings with { MinNrOfMembers = 2 }).AtLeaderActionsRound()));

        var roleRule = Settings with { RoleMinNrOfMembers = ImmutableDictionary<string, int>.Empty.Add("backend", 1) };
        Assert.Empty(Proposed(Holding(A, two, roleRule).AtLeaderActionsRound()));
        var withBackend = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Joining(B, "backend"));
        Assert.NotEmpty(Proposed(Holding(A, withBackend, roleRule).AtLeaderActionsRound()));
    }

    [Fact]
    public void Up_numbers_continue_from_the_largest_in_address_order()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 4), TestMembers.Joining(C), TestMembers.Joining(B));

        var applied = Holding(A, gossip).AtLeaderActionsRound().ApproveAll();

        Assert.Equal(5, applied.State.Gossip.GetMember(B).UpNumber);
        Assert.Equal(6, applied.State.Gossip.GetMember(C).UpNumber);
        Assert.Single(applied.Effects<LeaderTransitionsApplied>());
    }

    [Fact]
    public void A_transition_held_back_leaves_the_member_where_it_is_and_is_offered_again_next_round()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Joining(B), TestMembers.Joining(C));
        var proposal = Holding(A, gossip).AtLeaderActionsRound();
        var onlyC = Proposed(proposal).Where(t => t.Member.UniqueAddress == C).ToImmutableList();

        var applied = proposal.Then(new ApplyLeaderTransitions(onlyC));

        Assert.Equal(MemberStatus.Joining, applied.State.Gossip.GetMember(B).Status);
        Assert.Equal(MemberStatus.Up, applied.State.Gossip.GetMember(C).Status);
        Assert.Empty(Proposed(applied));
        var everyoneSaw = applied.State.Gossip.MarkSeen(B).MarkSeen(C);
        var nextRound = Holding(A, everyoneSaw).AtLeaderActionsRound();
        Assert.Equal([(B, MemberStatus.Up)], Moves(nextRound));
    }

    [Fact]
    public void Approved_transitions_that_no_longer_hold_are_not_applied()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Joining(B));
        var proposal = Holding(A, gossip).AtLeaderActionsRound();
        var lostConvergence = Holding(A, proposal.State.Gossip.Update(TestMembers.Up(C, 3)).OnlySeen(A));

        var applied = lostConvergence.Step(new ApplyLeaderTransitions([.. Proposed(proposal)]));

        Assert.Equal(MemberStatus.Joining, applied.State.Gossip.GetMember(B).Status);
        Assert.Empty(applied.Effects<LeaderTransitionsApplied>());
    }

    [Fact]
    public void Removal_prunes_the_clock_and_leaves_a_tombstone()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Down("b", 2)).Increment(B)
            .WithReachability(Reachability.Empty.Unreachable(A, B));

        var applied = Holding(A, gossip).AtLeaderActionsRound().ApproveAll(now: 42);

        Assert.False(applied.State.Gossip.HasMember(B));
        Assert.Equal(WallOrigin + 42, applied.State.Gossip.Tombstones[B]); // Stamped with wall time, which means the same on every node.
        Assert.False(applied.State.Gossip.Version.Versions.ContainsKey(B.ClockNodeId));
    }

    [Fact]
    public void A_tombstone_is_pruned_only_when_old_by_its_wall_stamp_and_by_how_long_this_node_held_it()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Down("b", 2)).Increment(B)
            .WithReachability(Reachability.Empty.Unreachable(A, B));
        var removed = Holding(A, gossip).AtLeaderActionsRound(now: 1_000).ApproveAll(now: 1_000).State;
        var window = (long)Settings.PruneTombstonesAfter.TotalMilliseconds;

        // A wall clock that jumps a whole window ahead does not make the tombstone old.
        var jumped = ClusterCore.Step(removed with { Schedule = removed.Schedule with { LeaderActionsAtMillis = 2_000 } }, WakeUp.Instance, new CoreTime(2_000, WallOrigin + 2_000 + (2 * window)), new Random(1));
        Assert.True(jumped.State.Gossip.Tombstones.ContainsKey(B));

        var old = removed.AtLeaderActionsRound(now: 1_000 + window);
        Assert.False(old.State.Gossip.Tombstones.ContainsKey(B));
    }

    [Fact]
    public void A_reachable_down_member_is_not_removed_until_it_is_unreachable()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Down("b", 2));

        Assert.Empty(Proposed(Holding(A, gossip).AtLeaderActionsRound()));
    }

    [Fact]
    public void An_exiting_member_is_removed_once_it_confirmed_its_exit()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Exiting("b", 2));
        var leader = Holding(A, gossip);
        Assert.Empty(Proposed(leader.AtLeaderActionsRound()));

        var confirmed = leader.Step(new ExitingConfirmed(B));

        Assert.Equal([(B, MemberStatus.Removed)], Moves(confirmed));
    }

    [Fact]
    public void The_leader_acts_as_soon_as_convergence_arrives_not_on_the_next_tick()
    {
        var gossip = TestGossips.Of(TestMembers.Up(A, 1), TestMembers.Up(B, 2), TestMembers.Joining(C)).MarkSeen(A);
        var ack = new GossipStatus(B, A, GossipFingerprint.OfVersion(gossip.Version), SeenDigest.Of(gossip.OnlySeen(B)), GossipStatusKind.Acknowledgement);

        var acked = Holding(A, gossip).Step(ack);

        Assert.Equal([(C, MemberStatus.Up)], Moves(acked));
    }

    [Fact]
    public void A_stale_approval_after_leadership_moved_is_dropped()
    {
        var gossip = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Joining(C));
        var proposal = Holding(A, gossip).AtLeaderActionsRound();

        var notLeader = Holding(C, gossip).Step(new ApplyLeaderTransitions([.. Proposed(proposal)]));

        Assert.Equal([DropReason.Stale], notLeader.Drops());
    }
}
