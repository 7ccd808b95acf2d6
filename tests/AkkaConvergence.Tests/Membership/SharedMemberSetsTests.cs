using AkkaConvergence.Membership;

namespace AkkaConvergence.Tests.Membership;

/// <summary>Views that apply the same change to equal member sets end up holding one set; different content is never shared.</summary>
public class SharedMemberSetsTests
{
    private static Gossip Basis(string prefix) =>
        Gossip.Create(Enumerable.Range(0, 20).Select(i => TestMembers.Up($"{prefix}{i:D2}", i + 1)));

    private static Gossip Changed(Gossip basis, MemberStatus status, int at = 3)
    {
        var member = basis.Members.ElementAt(at);
        return basis.WithChanges([member.WithStatus(status)], [], basis.Reachability, basis.Version, basis.Tombstones);
    }

    [Fact]
    public void The_same_change_to_equal_member_sets_gives_one_shared_set()
    {
        // Two nodes' copies of one version: equal, but built separately.
        var (mine, yours) = (Basis("shared"), Basis("shared"));
        Assert.NotSame(mine.Members, yours.Members);

        var (a, b) = (Changed(mine, MemberStatus.Leaving), Changed(yours, MemberStatus.Leaving));

        Assert.Same(a.Members, b.Members);
        Assert.Equal(MemberStatus.Leaving, b.GetMember(a.Members.ElementAt(3).UniqueAddress).Status);
        Assert.Empty(b.FindInvariantViolations());
    }

    [Fact]
    public void Different_changes_are_not_shared()
    {
        var (mine, yours) = (Basis("apart"), Basis("apart"));

        var (leaving, down, other) = (Changed(mine, MemberStatus.Leaving), Changed(yours, MemberStatus.Down), Changed(yours, MemberStatus.Leaving, at: 4));

        Assert.NotSame(leaving.Members, down.Members);
        Assert.NotSame(leaving.Members, other.Members);
        Assert.Equal(MemberStatus.Down, down.GetMember(down.Members.ElementAt(3).UniqueAddress).Status);
        Assert.Equal(MemberStatus.Up, other.GetMember(other.Members.ElementAt(3).UniqueAddress).Status);
    }

    [Fact]
    public void A_removal_is_shared_too_and_the_index_follows_the_set()
    {
        var (mine, yours) = (Basis("removal"), Basis("removal"));
        var gone = mine.Members.ElementAt(5).UniqueAddress;

        var a = mine.WithChanges([], [gone], mine.Reachability, mine.Version, mine.Tombstones.Add(gone, 1));
        var b = yours.WithChanges([], [gone], yours.Reachability, yours.Version, yours.Tombstones.Add(gone, 1));

        Assert.Same(a.Members, b.Members);
        Assert.False(b.HasMember(gone));
        Assert.Equal(19, b.Members.Count);
        Assert.All(b.Members, m => Assert.True(b.HasMember(m.UniqueAddress)));
    }

    [Fact]
    public void The_targets_of_a_node_that_accuses_no_one_are_every_member_but_itself_in_order()
    {
        var gossip = Basis("targets");
        var self = gossip.Members.ElementAt(7).UniqueAddress;

        var targets = new MembershipState(self, gossip).ValidGossipTargets;

        var expected = gossip.Members.Select(m => m.UniqueAddress).Where(n => n != self).ToList();
        Assert.Equal(expected, targets);
        Assert.Equal(expected.Count, targets.Count);
        Assert.Equal(expected[7], targets[7]);
        Assert.Throws<ArgumentOutOfRangeException>(() => targets[targets.Count]);
    }

    [Fact]
    public void A_change_made_again_to_the_same_set_gives_the_set_it_gave_before_and_another_change_does_not()
    {
        var basis = Basis("again");

        var (first, second) = (Changed(basis, MemberStatus.Leaving), Changed(basis, MemberStatus.Leaving));
        var other = Changed(basis, MemberStatus.Down);

        Assert.Same(first.Members, second.Members);
        Assert.NotSame(first.Members, other.Members);
        Assert.Equal(MemberStatus.Down, other.Members.ElementAt(3).Status);
    }

    [Fact]
    public void Seen_sets_of_copies_that_share_their_members_are_unioned()
    {
        var version = Basis("seen");
        var (a, b, c) = (version.Members.ElementAt(0).UniqueAddress, version.Members.ElementAt(1).UniqueAddress, version.Members.ElementAt(2).UniqueAddress);
        var (mine, theirs) = (version.OnlySeen(a), version.OnlySeen(b).MarkSeen(c));

        var merged = mine.MergeSeen(theirs);

        Assert.Same(version.Members, merged.Members);
        Assert.Equal(new[] { a, b, c }.ToHashSet(), merged.Seen.ToHashSet());
        Assert.Same(merged, merged.MergeSeen(mine));
    }
}
