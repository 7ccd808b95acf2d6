using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class MembershipCommandsTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");
    private static readonly UniqueAddress C = Node("c");
    private static readonly Gossip Base = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Up(B, 2), TestMembers.Up(C, 3));

    [Fact]
    public void Leave_moves_an_up_member_to_leaving_as_a_new_version_and_pushes_it()
    {
        var result = Holding(B, Base).Step(new LeaveCommand(C.Address));

        Assert.Equal(MemberStatus.Leaving, result.State.Gossip.GetMember(C).Status);
        Assert.True(result.State.Gossip.Version.IsAfter(Base.Version));
        Assert.Equal([B], result.State.Gossip.Seen);
        Assert.Equal(2, result.SentGossips().Count());
    }

    [Fact]
    public void Leave_of_a_member_already_leaving_or_down_changes_nothing()
    {
        var leaving = Base.Update(TestMembers.Up(C, 3).WithStatus(MemberStatus.Leaving));

        Assert.Same(leaving, Holding(B, leaving).Step(new LeaveCommand(C.Address)).State.Gossip);
    }

    [Fact]
    public void Down_marks_the_member_down_and_tells_it_directly()
    {
        var result = Holding(A, Base).Step(new DownCommand(C.Address));

        Assert.Equal(MemberStatus.Down, result.State.Gossip.GetMember(C).Status);
        Assert.Contains(result.SentGossips(), s => s.To == C.Address && s.Gossip.IsSameStateAs(result.State.Gossip));
    }

    [Fact]
    public void Commands_for_unknown_nodes_are_dropped_with_a_reason()
    {
        Assert.Equal([DropReason.UnknownMember], Holding(A, Base).Step(new DownCommand(Address("zz"))).Drops());
        Assert.Equal([DropReason.NotInitialized], Fresh(A).Step(new LeaveCommand(A.Address)).Drops());
    }

    [Fact]
    public void Exit_confirmations_count_only_for_leaving_or_exiting_members()
    {
        var exitingC = Base.Update(TestMembers.Exiting("c", 3));
        var leavingC = Base.Update(TestMembers.Leaving("c", 3));

        Assert.Empty(Holding(A, Base).Step(new ExitingConfirmed(C)).State.ExitingConfirmed);
        Assert.Equal([C], Holding(B, exitingC).Step(new ExitingConfirmed(C)).State.ExitingConfirmed);
        Assert.Equal([C], Holding(B, leavingC).Step(new ExitingConfirmed(C)).State.ExitingConfirmed);
    }

    [Fact]
    public void A_confirmation_that_arrives_before_the_exiting_version_still_lets_the_leader_remove_the_member()
    {
        // B is the next leader; A (the old leader) confirmed its exit before B saw it Exiting.
        var leavingA = TestGossips.SeenByAll(TestMembers.Leaving("a", 1), TestMembers.Up(B, 2), TestMembers.Up(C, 3));
        var confirmedEarly = Holding(B, leavingA).Step(new ExitingConfirmed(A)).State;
        var exitingA = leavingA.Update(TestMembers.Exiting("a", 1)).Increment(A).OnlySeen(A).MarkSeen(C);

        var result = confirmedEarly.Step(GossipFrom(A, B, exitingA));

        var proposal = Assert.Single(result.Effects<LeaderTransitionsProposed>());
        Assert.Equal(MemberStatus.Removed, Assert.Single(proposal.Transitions).To);
    }
}
