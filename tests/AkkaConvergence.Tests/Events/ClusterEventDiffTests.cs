using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Events;
using static AkkaConvergence.Tests.TestMembers;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Events;

/// <summary>The events between two snapshots of a view, in the order subscribers get them.</summary>
public class ClusterEventDiffTests
{
    private static readonly Address Self = Address("a");

    private static CurrentClusterState State(
        IEnumerable<Member> members,
        IEnumerable<Member>? unreachable = null,
        Address? leader = null,
        IEnumerable<(string Role, Address? Leader)>? roleLeaders = null,
        bool converged = true) =>
        new(
            [.. members],
            [.. unreachable ?? []],
            [],
            leader,
            (roleLeaders ?? []).ToImmutableDictionary(r => r.Role, r => r.Leader),
            converged);

    [Fact]
    public void Identical_snapshots_give_no_events()
    {
        var state = State([Up("a"), Up("b", 2)], leader: Self);

        Assert.Empty(ClusterEventDiff.Between(state, state, Self));
    }

    [Theory]
    [InlineData(MemberStatus.Joining, typeof(MemberJoined))]
    [InlineData(MemberStatus.WeaklyUp, typeof(MemberWeaklyUp))]
    [InlineData(MemberStatus.Leaving, typeof(MemberLeft))]
    [InlineData(MemberStatus.Exiting, typeof(MemberExited))]
    [InlineData(MemberStatus.Down, typeof(MemberDowned))]
    public void A_member_whose_status_changed_or_that_is_new_gives_the_event_of_its_status(MemberStatus status, Type expected)
    {
        var before = State([Up("a"), Up("b", 2)], leader: Self);
        var changed = status == MemberStatus.Joining
            ? Joining("c") // A new member.
            : Member.Restore(Node("b"), status, [], upNumber: 2);
        var after = State(before.Members.Where(m => m.UniqueAddress != changed.UniqueAddress).Append(changed), leader: Self);

        var memberEvent = Assert.IsAssignableFrom<IMemberEvent>(Assert.Single(ClusterEventDiff.Between(before, after, Self)));

        Assert.IsType(expected, memberEvent);
        Assert.Equal(changed.UniqueAddress, memberEvent.Member.UniqueAddress);
    }

    [Fact]
    public void A_member_gone_from_the_view_is_removed_with_the_status_it_had()
    {
        var exiting = Member.Restore(Node("b"), MemberStatus.Exiting, [], upNumber: 2);
        var before = State([Up("a"), exiting], leader: Self);
        var after = State([Up("a")], leader: Self);

        var removed = Assert.IsType<MemberRemoved>(Assert.Single(ClusterEventDiff.Between(before, after, Self)));

        Assert.Equal(exiting.UniqueAddress, removed.Member.UniqueAddress);
        Assert.Equal(MemberStatus.Removed, removed.Member.Status);
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
    }

    [Fact]
    public void Unreachable_and_reachable_again_are_published_for_others_but_never_about_self()
    {
        var b = Up("b", 2);
        var c = Up("c", 3);
        var before = State([Up("a"), b, c], unreachable: [c], leader: Self);
        var after = State([Up("a"), b, c], unreachable: [Up("a"), b], leader: Self);

        var events = ClusterEventDiff.Between(before, after, Self);

        Assert.Equal([typeof(UnreachableMember), typeof(ReachableMember)], events.Select(e => e.GetType()));
        Assert.Equal(b.UniqueAddress, ((UnreachableMember)events[0]).Member.UniqueAddress);
        Assert.Equal(c.UniqueAddress, ((ReachableMember)events[1]).Member.UniqueAddress);
    }

    [Fact]
    public void Events_come_in_order_member_events_reachability_leader_role_leaders_convergence()
    {
        var b = Up("b", 2);
        var before = State([Up("a"), b], leader: Self, roleLeaders: [("web", Self)], converged: true);
        var after = State([Up("a"), b, Joining("c")], unreachable: [b], leader: b.Address, roleLeaders: [("web", b.Address), ("db", Self)], converged: false);

        var events = ClusterEventDiff.Between(before, after, Self);

        Assert.Equal(
            [typeof(MemberJoined), typeof(UnreachableMember), typeof(LeaderChanged), typeof(RoleLeaderChanged), typeof(RoleLeaderChanged), typeof(ConvergenceChanged)],
            events.Select(e => e.GetType()));
        Assert.Equal(b.Address, ((LeaderChanged)events[2]).Leader);
        Assert.Equal(("db", (Address?)Self), (((RoleLeaderChanged)events[3]).Role, ((RoleLeaderChanged)events[3]).Leader)); // Roles in ordinal order.
        Assert.Equal(("web", (Address?)b.Address), (((RoleLeaderChanged)events[4]).Role, ((RoleLeaderChanged)events[4]).Leader));
        Assert.False(((ConvergenceChanged)events[5]).IsConverged);
    }

    [Fact]
    public void A_role_without_a_leader_any_more_gets_a_role_leader_changed_to_none()
    {
        var before = State([Up("a")], leader: Self, roleLeaders: [("web", Self)]);
        var after = State([Up("a")], leader: Self);

        var changed = Assert.IsType<RoleLeaderChanged>(Assert.Single(ClusterEventDiff.Between(before, after, Self)));

        Assert.Equal("web", changed.Role);
        Assert.Null(changed.Leader);
    }

    [Fact]
    public void Replaying_a_state_to_a_new_subscriber_gives_what_the_diffs_from_nothing_would_show()
    {
        var b = Up("b", 2);
        var state = State([Up("a"), b, WeaklyUp("c")], unreachable: [b], leader: Self, roleLeaders: [("web", Self)], converged: false);

        var replayed = ClusterEventDiff.Replay(state);

        Assert.Equal(
            [typeof(MemberUp), typeof(MemberUp), typeof(MemberWeaklyUp), typeof(UnreachableMember), typeof(LeaderChanged), typeof(RoleLeaderChanged), typeof(ConvergenceChanged)],
            replayed.Select(e => e.GetType()));
        Assert.Equal(
            ClusterEventDiff.Between(CurrentClusterState.Empty, state, Self).OfType<IMemberEvent>().Select(e => (e.GetType(), e.Member)),
            replayed.OfType<IMemberEvent>().Select(e => (e.GetType(), e.Member)));
    }
}
