using AkkaConvergence.Membership;

using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Membership;

public class MemberTests
{
    public static TheoryData<MemberStatus, MemberStatus, bool> Transitions()
    {
        var allowed = new Dictionary<MemberStatus, MemberStatus[]>
        {
            [MemberStatus.Joining] = [MemberStatus.WeaklyUp, MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Down, MemberStatus.Removed],
            [MemberStatus.WeaklyUp] = [MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Down, MemberStatus.Removed],
            [MemberStatus.Up] = [MemberStatus.Leaving, MemberStatus.Down, MemberStatus.Removed],
            [MemberStatus.Leaving] = [MemberStatus.Exiting, MemberStatus.Down, MemberStatus.Removed],
            [MemberStatus.Exiting] = [MemberStatus.Removed, MemberStatus.Down],
            [MemberStatus.Down] = [MemberStatus.Removed],
            [MemberStatus.Removed] = [],
        };
        var data = new TheoryData<MemberStatus, MemberStatus, bool>();
        foreach (var from in Enum.GetValues<MemberStatus>())
        {
            foreach (var to in Enum.GetValues<MemberStatus>().Where(to => to != from))
            {
                data.Add(from, to, allowed[from].Contains(to));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Only_the_lifecycle_transitions_of_the_design_are_allowed(MemberStatus from, MemberStatus to, bool allowed)
    {
        Assert.Equal(allowed, MemberStatusTransitions.IsAllowed(from, to));
        if (allowed)
        {
            Assert.True(MemberStatusTransitions.IsFurtherAlong(to, from), "an allowed move must go further along");
        }
    }

    [Fact]
    public void Moving_to_a_disallowed_status_throws()
    {
        var down = TestMembers.Down("a");

        Assert.Throws<InvalidOperationException>(() => down.WithStatus(MemberStatus.Up));
    }

    [Fact]
    public void Moving_to_the_same_status_is_a_no_op()
    {
        var up = TestMembers.Up("a");

        Assert.Same(up, up.WithStatus(MemberStatus.Up));
    }

    [Fact]
    public void Equality_is_by_unique_address_only()
    {
        Assert.Equal(TestMembers.Joining("a"), TestMembers.Up("a"));
        Assert.NotEqual(TestMembers.Up("a", uid: 1), TestMembers.Up("a", uid: 2));
    }

    [Fact]
    public void A_member_is_not_yet_up_until_moved_up()
    {
        Assert.Equal(int.MaxValue, TestMembers.Joining("a").UpNumber);
        Assert.Equal(3, TestMembers.Up("a", upNumber: 3).UpNumber);
    }

    [Fact]
    public void Lower_up_number_is_older_and_address_breaks_ties()
    {
        var first = TestMembers.Up("z", upNumber: 1);
        var second = TestMembers.Up("a", upNumber: 2);
        var secondToo = TestMembers.Up("b", upNumber: 2);

        Assert.True(first.IsOlderThan(second));
        Assert.False(second.IsOlderThan(first));
        Assert.True(second.IsOlderThan(secondToo));
        Assert.Equal([first, second, secondToo], new[] { secondToo, first, second }.Order(Member.AgeOrdering));
    }

    [Fact]
    public void Address_ordering_ignores_protocol_and_system()
    {
        var tcp = new Akka.Actor.Address("akka.tcp", "one", "h", 1);
        var ssl = new Akka.Actor.Address("akka.ssl.tcp", "two", "h", 1);

        Assert.Equal(0, Member.AddressOrdering.Compare(tcp, ssl));
        Assert.True(Member.AddressOrdering.Compare(Address("h", 1), Address("h", 2)) < 0);
    }

    [Fact]
    public void Merge_keeps_the_status_furthest_along_for_the_same_member()
    {
        Assert.Equal(MemberStatus.Up, Member.HighestPriorityOf(TestMembers.Joining("a"), TestMembers.Up("a")).Status);
        Assert.Equal(MemberStatus.Up, Member.HighestPriorityOf(TestMembers.WeaklyUp("a"), TestMembers.Up("a")).Status);
        Assert.Equal(MemberStatus.WeaklyUp, Member.HighestPriorityOf(TestMembers.WeaklyUp("a"), TestMembers.Joining("a")).Status);
        Assert.Equal(MemberStatus.Down, Member.HighestPriorityOf(TestMembers.Exiting("a"), TestMembers.Down("a")).Status);
        Assert.Equal(MemberStatus.Leaving, Member.HighestPriorityOf(TestMembers.Leaving("a"), TestMembers.Up("a")).Status);
    }

    [Fact]
    public void Merge_never_loses_an_up_number()
    {
        var leftWhileJoining = TestMembers.Joining("a").WithStatus(MemberStatus.Leaving);
        var movedUp = TestMembers.Up("a", upNumber: 4);

        var merged = Member.HighestPriorityOf(leftWhileJoining, movedUp);

        Assert.Equal(MemberStatus.Leaving, merged.Status);
        Assert.Equal(4, merged.UpNumber);
    }

    [Fact]
    public void Merging_copies_of_different_members_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => Member.HighestPriorityOf(TestMembers.Up("a"), TestMembers.Up("b")));
    }

    [Fact]
    public void Roles_are_kept_and_queried()
    {
        var member = TestMembers.Up("a", roles: ["backend", "seed"]);

        Assert.True(member.HasRole("backend"));
        Assert.False(member.HasRole("frontend"));
        Assert.Contains("roles [backend,seed]", member.ToString(), StringComparison.Ordinal);
    }
}
