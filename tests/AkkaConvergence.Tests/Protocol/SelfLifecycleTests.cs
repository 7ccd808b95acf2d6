using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class SelfLifecycleTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");
    private static readonly UniqueAddress C = Node("c");
    private static readonly Gossip Base = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Up(B, 2), TestMembers.Up(C, 3));

    [Fact]
    public void Becoming_exiting_starts_the_exit_tasks_once_and_stops_marking_versions_seen()
    {
        var exitingC = Base.Update(TestMembers.Exiting("c", 3)).Increment(A).OnlySeen(A);

        var result = Holding(C, Base).Step(GossipFrom(A, C, exitingC));

        Assert.Equal([ShutdownReason.Exiting], result.Effects<ShutdownRequested>().Select(s => s.Reason));
        Assert.True(result.State.ExitingTasksInProgress);
        var newer = exitingC.Increment(A).OnlySeen(A);
        var later = result.Then(GossipFrom(A, C, newer));
        Assert.False(later.State.Gossip.HasSeen(C));
        Assert.Empty(later.Effects<ShutdownRequested>());
    }

    [Fact]
    public void When_the_exit_tasks_complete_the_node_confirms_to_the_leader_and_the_next_candidate_and_ends()
    {
        var exitingC = Base.Update(TestMembers.Exiting("c", 3));
        var state = Holding(C, exitingC) with { ExitingTasksInProgress = true };

        var result = state.Step(ExitingCompleted.Instance);

        Assert.Equal([A.Address, B.Address], result.Sent<ExitingConfirmed>().Select(s => s.To).Order(Member.AddressOrdering));
        Assert.Equal(CorePhase.Terminated, result.State.Phase);
        Assert.Contains(result.Effects<ShutdownRequested>(), s => s.Reason == ShutdownReason.Removed);
    }

    [Fact]
    public void A_down_node_shuts_down_once_the_others_have_seen_it_or_after_a_few_ticks()
    {
        var downC = Base.MarkAsDown(TestMembers.Up(C, 3)).Increment(A).OnlySeen(A);
        var seenByAll = downC.MarkSeen(B).MarkSeen(C);
        Assert.Contains(Holding(C, seenByAll).AtLeaderActionsRound().Effects<ShutdownRequested>(), s => s.Reason == ShutdownReason.Downed);

        var result = Holding(C, downC).AtLeaderActionsRound();
        for (var tick = 1; tick < SelfLifecycle.SelfDownMaxTicks; tick++)
        {
            Assert.Empty(result.Effects<ShutdownRequested>());
            result = result.State.AtLeaderActionsRound();
        }

        Assert.Contains(result.Effects<ShutdownRequested>(), s => s.Reason == ShutdownReason.Downed);
        Assert.Equal(CorePhase.Terminated, result.State.Phase);
    }

    [Fact]
    public void A_terminated_node_drops_every_input()
    {
        var ended = Holding(C, Base) with { Phase = CorePhase.Terminated };

        var result = ended.AtGossipRound();

        Assert.Empty(result.Effects<Send>());
        Assert.Equal([DropReason.Terminated], result.Drops());
    }
}
