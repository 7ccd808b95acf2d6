using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class ReachabilityReaperTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");
    private static readonly UniqueAddress C = Node("c");
    private static readonly Gossip Base = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Up(B, 2), TestMembers.Up(C, 3));

    [Fact]
    public void Detector_verdicts_become_this_nodes_rows_as_one_new_version()
    {
        var result = Holding(A, Base).Step(new ReachabilityObserved([C]));

        Assert.Equal(ReachabilityStatus.Unreachable, result.State.Gossip.Reachability.Status(A, C));
        Assert.True(result.State.Gossip.Version.IsAfter(Base.Version));
        Assert.Contains(result.Effects<Noted>(), n => n.Kind == NoteKind.MemberMarkedUnreachable);
    }

    [Fact]
    public void A_member_available_again_is_marked_reachable()
    {
        var suspected = Holding(A, Base).Step(new ReachabilityObserved([C])).State;

        var healed = suspected.Step(new ReachabilityObserved([]));

        Assert.True(healed.State.Gossip.Reachability.IsReachable(C));
        Assert.Contains(healed.Effects<Noted>(), n => n.Kind == NoteKind.MemberMarkedReachable);
    }

    [Fact]
    public void Unchanged_verdicts_and_verdicts_about_non_members_change_nothing()
    {
        var state = Holding(A, Base);

        Assert.Same(Base, state.Step(new ReachabilityObserved([Node("stranger"), A])).State.Gossip);
    }
}
