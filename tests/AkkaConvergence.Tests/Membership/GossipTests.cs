using AkkaConvergence.Membership;

using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Membership;

public class GossipTests
{
    private static readonly Member A = TestMembers.Up("a", upNumber: 1);
    private static readonly Member B = TestMembers.Up("b", upNumber: 2);
    private static readonly Member C = TestMembers.Joining("c");

    [Fact]
    public void Members_are_kept_in_address_order()
    {
        var gossip = TestGossips.Of(C, A, B);

        Assert.Equal([A, B, C], gossip.Members);
    }

    [Fact]
    public void A_removed_member_cannot_be_put_into_a_gossip()
    {
        Assert.Throws<ArgumentException>(() => TestGossips.Of(A).Update(Member.Removed(Node("x"))));
    }

    [Fact]
    public void Unknown_nodes_read_as_removed_placeholders()
    {
        Assert.Equal(MemberStatus.Removed, TestGossips.Of(A).GetMember(Node("zz")).Status);
    }

    [Fact]
    public void Only_members_can_be_marked_as_having_seen_a_version()
    {
        var gossip = TestGossips.Of(A).MarkSeen(Node("zz")).MarkSeen(A.UniqueAddress);

        Assert.Equal([A.UniqueAddress], gossip.Seen);
    }

    [Fact]
    public void Merge_takes_the_clock_maximum_the_furthest_status_and_clears_seen()
    {
        var left = TestGossips.SeenByAll(A, B).Increment(A.UniqueAddress);
        var right = TestGossips.SeenByAll(A, B.WithStatus(MemberStatus.Leaving), C).Increment(B.UniqueAddress);

        var merged = left.Merge(right);

        Assert.Equal([MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Joining], merged.Members.Select(m => m.Status));
        Assert.True(merged.Version.IsAfter(left.Version) && merged.Version.IsAfter(right.Version));
        Assert.Empty(merged.Seen);
    }

    [Fact]
    public void A_member_present_on_one_side_only_is_kept()
    {
        var merged = TestGossips.Of(A).Merge(TestGossips.Of(A, C));

        Assert.Contains(C, merged.Members);
    }

    [Fact]
    public void Removal_prunes_the_clock_and_leaves_a_tombstone()
    {
        var gossip = TestGossips.SeenByAll(A, B).Increment(B.UniqueAddress).Increment(A.UniqueAddress)
            .WithReachability(Reachability.Empty.Unreachable(A.UniqueAddress, B.UniqueAddress));

        var removed = gossip.Remove(B.UniqueAddress, nowMillis: 1234);

        Assert.Equal([A], removed.Members);
        Assert.Equal([A.UniqueAddress], removed.Seen);
        Assert.Empty(removed.Reachability.Records);
        Assert.False(removed.Version.Versions.ContainsKey(B.UniqueAddress.ClockNodeId));
        Assert.Equal(1234, removed.Tombstones[B.UniqueAddress]);
    }

    [Fact]
    public void A_late_merge_cannot_resurrect_a_removed_member()
    {
        // The lagging side still has B as Leaving (not Down or Exiting): Akka.NET's heuristic
        // would keep it and block convergence for ever (akka.net #8467).
        var lagging = TestGossips.Of(A, B.WithStatus(MemberStatus.Leaving)).Increment(B.UniqueAddress);
        var leader = TestGossips.Of(A, B).Increment(A.UniqueAddress).Remove(B.UniqueAddress, nowMillis: 1);

        foreach (var merged in new[] { leader.Merge(lagging), lagging.Merge(leader) })
        {
            Assert.Equal([A], merged.Members);
            Assert.Empty(merged.FindInvariantViolations());
        }
    }

    [Fact]
    public void A_new_incarnation_on_the_same_address_is_a_different_member()
    {
        var restarted = TestMembers.Joining("b", uid: 2);
        var gossip = TestGossips.Of(A, B).Remove(B.UniqueAddress, nowMillis: 1);

        var merged = gossip.Merge(TestGossips.Of(A, restarted));

        Assert.Contains(restarted, merged.Members);
        Assert.DoesNotContain(B, merged.Members);
    }

    [Fact]
    public void Marking_down_removes_the_member_from_the_seen_set()
    {
        var gossip = TestGossips.SeenByAll(A, B).MarkAsDown(B);

        Assert.Equal(MemberStatus.Down, gossip.GetMember(B.UniqueAddress).Status);
        Assert.Equal([A.UniqueAddress], gossip.Seen);
    }

    [Fact]
    public void Merge_seen_unions_the_seen_sets_of_the_same_version_but_only_members()
    {
        var left = TestGossips.Of(A, B).MarkSeen(A.UniqueAddress);
        var right = TestGossips.Of(A, B, C).MarkSeen(B.UniqueAddress).MarkSeen(C.UniqueAddress);

        Assert.Equal(new[] { A.UniqueAddress, B.UniqueAddress }.ToHashSet(), left.MergeSeen(right).Seen.ToHashSet());
    }

    [Fact]
    public void Copies_of_one_member_set_seen_by_every_member_share_one_seen_set_whichever_way_they_got_there()
    {
        var version = TestGossips.Of(A, B, C);
        var (a, b, c) = (A.UniqueAddress, B.UniqueAddress, C.UniqueAddress);

        var marked = version.MarkSeen(a).MarkSeen(b).MarkSeen(c);
        var merged = version.MarkSeen(c).MergeSeen(version.MarkSeen(a).MarkSeen(b));
        var fromDigest = version.MarkSeen(b).MergeSeen([a, c, Node("stranger")]);

        Assert.True(marked.IsSeenByAll);
        Assert.Same(marked.Seen, merged.Seen);
        Assert.Same(marked.Seen, fromDigest.Seen);
        Assert.False(version.MarkSeen(a).IsSeenByAll);
    }

    [Fact]
    public void Pruning_forgets_exactly_the_given_tombstones()
    {
        var gossip = TestGossips.Of(A, B, C).Remove(B.UniqueAddress, 100).Remove(C.UniqueAddress, 200);

        Assert.Equal([C.UniqueAddress], gossip.PruneTombstones([B.UniqueAddress]).Tombstones.Keys);
        Assert.Same(gossip, gossip.PruneTombstones([]));
    }

    [Fact]
    public void Invariants_name_every_violation()
    {
        var broken = new Gossip(
            [A],
            [Node("ghost")],
            Reachability.Empty.Unreachable(A.UniqueAddress, Node("ghost")),
            VectorClock.Empty.Increment("not-a-member"),
            System.Collections.Immutable.ImmutableSortedDictionary<UniqueAddress, long>.Empty.Add(A.UniqueAddress, 1));

        var violations = broken.FindInvariantViolations();

        Assert.Equal(4, violations.Count);
    }
}
