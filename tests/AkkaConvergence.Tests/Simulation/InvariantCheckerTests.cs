using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>The checker itself must be able to fail, or passing simulations prove nothing.</summary>
public class InvariantCheckerTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");

    private static CoreState StateOf(Gossip gossip) =>
        CoreState.Initial(A, [], CoreSettings.Default) with { Phase = CorePhase.Initialized, Membership = new MembershipState(A, gossip) };

    [Fact]
    public void A_status_moving_backward_is_reported()
    {
        var checker = new InvariantChecker(checkGossipShape: true);
        checker.RecordMovedUp([A, B]);
        var leaving = StateOf(TestGossips.Of(TestMembers.Up(A), TestMembers.Up(B, 2).WithStatus(MemberStatus.Leaving)));
        Assert.Null(checker.Check(StateOf(Gossip.Empty), leaving));

        var backToUp = StateOf(TestGossips.Of(TestMembers.Up(A), TestMembers.Up(B, 2)).Increment(A));

        Assert.Contains("moved backward", checker.Check(leaving, backToUp), StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_member_coming_back_is_reported()
    {
        var checker = new InvariantChecker(checkGossipShape: false);
        checker.RecordMovedUp([A, B]);
        var both = StateOf(TestGossips.Of(TestMembers.Up(A), TestMembers.Up(B, 2)));
        var removed = StateOf(TestGossips.Of(TestMembers.Up(A)).Increment(A));
        checker.Check(StateOf(Gossip.Empty), both);
        checker.Check(both, removed);

        Assert.Contains("reappeared", checker.Check(removed, both), StringComparison.Ordinal);
    }

    [Fact]
    public void An_up_member_no_leader_moved_up_with_convergence_is_reported()
    {
        var checker = new InvariantChecker(checkGossipShape: false);

        Assert.Contains("no leader moved it Up", checker.Check(StateOf(Gossip.Empty), StateOf(TestGossips.Of(TestMembers.Up(A)))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_gossip_is_reported()
    {
        var checker = new InvariantChecker(checkGossipShape: true);
        var malformed = TestGossips.Of(TestMembers.Joining(A)).WithReachability(Reachability.Empty.Unreachable(A, B));

        Assert.Contains("malformed", checker.Check(StateOf(Gossip.Empty), StateOf(malformed)), StringComparison.Ordinal);
    }
}
