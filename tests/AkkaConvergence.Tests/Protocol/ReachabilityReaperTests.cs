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
        var result = Holding(A, Base, PhiSettings).Monitoring(1_000, available: [B], unavailable: [C]).AtReap(1_000);

        Assert.Equal(ReachabilityStatus.Unreachable, result.State.Gossip.Reachability.Status(A, C));
        Assert.True(result.State.Gossip.Reachability.IsReachable(A, B));
        Assert.True(result.State.Gossip.Version.IsAfter(Base.Version));
        Assert.Equal(C, Assert.Single(result.Effects<MarkedUnreachable>()).Member.UniqueAddress);
    }

    [Fact]
    public void A_member_whose_answers_come_back_is_marked_reachable()
    {
        var suspected = Holding(A, Base, PhiSettings).Monitoring(1_000, available: [B], unavailable: [C]).AtReap(1_000).State;

        var healed = suspected.Monitoring(2_000, available: [B, C], unavailable: []).AtReap(2_000);

        Assert.True(healed.State.Gossip.Reachability.IsReachable(C));
        Assert.Equal(C, Assert.Single(healed.Effects<MarkedReachable>()).Member.UniqueAddress);
    }

    [Fact]
    public void A_member_that_only_left_the_monitored_set_stays_unreachable_without_evidence()
    {
        var suspected = Holding(A, Base, PhiSettings).Monitoring(1_000, available: [B], unavailable: [C]).AtReap(1_000).State;

        var noLongerMonitored = suspected.Monitoring(2_000, available: [B], unavailable: []).AtReap(2_000);

        Assert.Equal(ReachabilityStatus.Unreachable, noLongerMonitored.State.Gossip.Reachability.Status(A, C));
        Assert.Empty(noLongerMonitored.Effects<MarkedReachable>());
    }

    [Fact]
    public void Unchanged_verdicts_and_verdicts_about_non_members_change_nothing()
    {
        var state = Holding(A, Base, PhiSettings).Monitoring(1_000, available: [B, C, Node("stranger")], unavailable: []);

        Assert.Same(Base, state.AtReap(1_000).State.Gossip);
        Assert.Same(Base, Holding(A, Base, PhiSettings).Monitoring(1_000, available: [], unavailable: [Node("stranger")]).AtReap(1_000).State.Gossip);
    }
}
