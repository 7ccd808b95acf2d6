using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class GossipReceiverTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");
    private static readonly UniqueAddress C = Node("c");
    private static readonly Gossip Base = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Up(B, 2), TestMembers.Up(C, 3));

    private static CoreState NodeB(Gossip? gossip = null) => Holding(B, gossip ?? Base);

    [Fact]
    public void A_newer_gossip_is_adopted_marked_seen_and_answered_with_a_seen_digest()
    {
        var newer = Base.Update(TestMembers.Up(C, 3).WithStatus(MemberStatus.Leaving)).Increment(A).OnlySeen(A);

        var result = NodeB().Step(GossipFrom(A, B, newer));

        Assert.Equal(newer.Version, result.State.Gossip.Version);
        Assert.True(result.State.Gossip.HasSeen(B));
        var (to, reply) = Assert.Single(result.Sent<GossipStatus>(), s => s.Message.Kind == GossipStatusKind.Reply);
        Assert.Equal(A.Address, to);
        Assert.Equal(GossipFingerprint.OfVersion(newer.Version), reply.Version);
    }

    [Fact]
    public void An_older_gossip_is_answered_with_the_delta_from_it_to_ours()
    {
        var ours = Base.Increment(B).OnlySeen(B);

        var result = NodeB(ours).Step(GossipFrom(A, B, Base));

        Assert.Same(ours, result.State.Gossip);
        Assert.Equal(A.Address, Assert.Single(result.Sent<GossipDeltaEnvelope>()).To);
        var (to, answer) = Assert.Single(result.SentGossips(Base));
        Assert.Equal(A.Address, to);
        Assert.True(ours.IsSameStateAs(answer));
    }

    [Fact]
    public void With_delta_gossip_off_an_older_gossip_is_answered_with_our_whole_gossip()
    {
        var ours = Base.Increment(B).OnlySeen(B);

        var result = Holding(B, ours, Settings with { DeltaGossip = false }).Step(GossipFrom(A, B, Base));

        Assert.Same(ours, Assert.Single(result.Sent<GossipEnvelope>()).Message.Gossip);
        Assert.Empty(result.Sent<GossipDeltaEnvelope>());
    }

    [Fact]
    public void The_same_version_merges_the_seen_sets()
    {
        var ours = Base.OnlySeen(B);
        var theirs = Base.OnlySeen(A).MarkSeen(C);

        var result = NodeB(ours).Step(GossipFrom(A, B, theirs));

        Assert.Equal(new[] { A, B, C }.ToHashSet(), result.State.Gossip.Seen.ToHashSet());
        Assert.Empty(result.Sent<GossipEnvelope>());
    }

    [Fact]
    public void Concurrent_gossips_are_merged_and_the_merge_is_sent_back()
    {
        var ours = Base.Update(TestMembers.Up(C, 3).WithStatus(MemberStatus.Leaving)).Increment(B).OnlySeen(B);
        var theirs = Base.Update(TestMembers.Up(A, 1).WithStatus(MemberStatus.Leaving)).Increment(A).OnlySeen(A);

        var result = NodeB(ours).Step(GossipFrom(A, B, theirs));

        Assert.Equal(MemberStatus.Leaving, result.State.Gossip.GetMember(A).Status);
        Assert.Equal(MemberStatus.Leaving, result.State.Gossip.GetMember(C).Status);
        Assert.True(result.State.Gossip.Version.IsAfter(ours.Version) && result.State.Gossip.Version.IsAfter(theirs.Version));
        Assert.Equal([B], result.State.Gossip.Seen);
        Assert.Contains(result.SentGossips(theirs), s => s.To == A.Address && s.Gossip.IsSameStateAs(result.State.Gossip));
    }

    [Fact]
    public void A_removal_that_only_looks_concurrent_is_adopted_as_newer()
    {
        // C made a change (its own clock entry); the leader A then removed C, pruning C's entry.
        var withCsChange = Base.Update(TestMembers.Up(C, 3).WithStatus(MemberStatus.Leaving)).Increment(C).OnlySeen(C);
        var removed = withCsChange.Update(TestMembers.Up(C, 3).WithStatus(MemberStatus.Leaving).WithStatus(MemberStatus.Exiting))
            .Increment(A).Remove(C, 5).Increment(A).OnlySeen(A);
        Assert.True(removed.Version.IsConcurrentWith(withCsChange.Version));

        var result = NodeB(withCsChange).Step(GossipFrom(A, B, removed));

        Assert.True(result.State.Gossip.HasSameContentAs(removed), "adopted as is, no new version of its own");
        Assert.Empty(result.Sent<GossipEnvelope>());
    }

    public static TheoryData<string, string> DropCases() => new()
    {
        { "meant for another incarnation", nameof(DropReason.WrongIncarnation) },
        { "from a removed incarnation", nameof(DropReason.RemovedIncarnation) },
        { "without this node in it", nameof(DropReason.NotInGossip) },
        { "from a stranger", nameof(DropReason.UnknownSender) },
        { "from a node this node marks unreachable", nameof(DropReason.UnreachableSender) },
        { "before joining", nameof(DropReason.NotInitialized) },
    };

    [Theory]
    [MemberData(nameof(DropCases))]
    public void Gossip_is_dropped_with_a_reason(string @case, string expected)
    {
        var stranger = Node("z");
        var newer = Base.Increment(A).OnlySeen(A);
        var (state, envelope) = @case switch
        {
            "meant for another incarnation" => (NodeB(), GossipFrom(A, Node("b", uid: 9), newer)),
            "from a removed incarnation" => (NodeB(Base.Remove(A, 1)), GossipFrom(A, B, newer)),
            "without this node in it" => (NodeB(), GossipFrom(A, B, TestGossips.Of(TestMembers.Up(A, 1), TestMembers.Up(C, 3)).Increment(A))),
            "from a stranger" => (NodeB(), GossipFrom(stranger, B, newer)),
            "from a node this node marks unreachable" => (Holding(B, Base.WithReachability(Reachability.Empty.Unreachable(B, A)), PhiSettings), GossipFrom(A, B, newer)),
            _ => (Fresh(B), GossipFrom(A, B, newer)),
        };

        var result = state.Step(envelope);

        Assert.Equal([Enum.Parse<DropReason>(expected)], result.Drops());
        Assert.Same(state.Gossip, result.State.Gossip);
    }

    [Fact]
    public void A_removed_incarnation_that_still_gossips_is_told_it_was_removed()
    {
        var removedA = NodeB(Base.Remove(A, 1));

        var gossip = removedA.Step(GossipFrom(A, B, Base.Increment(A)));
        var status = removedA.Step(new GossipStatus(A, B, GossipFingerprint.OfVersion(Base.Version), SeenDigest.Of(Base), GossipStatusKind.Periodic));

        foreach (var result in new[] { gossip, status })
        {
            Assert.Equal([DropReason.RemovedIncarnation], result.Drops());
            var (to, answer) = Assert.Single(result.Sent<GossipEnvelope>());
            Assert.Equal(A.Address, to);
            Assert.True(answer.Gossip.Tombstones.ContainsKey(A));
        }
    }

    [Fact]
    public void Gossip_that_reports_this_node_removed_ends_its_membership()
    {
        var removedB = Base.Remove(B, 1).Increment(A);

        var result = NodeB().Step(GossipFrom(A, B, removedB));

        Assert.Equal(CorePhase.Terminated, result.State.Phase);
        Assert.Contains(result.Effects<ShutdownRequested>(), s => s.Reason == ShutdownReason.Removed);
    }

    [Fact]
    public void A_periodic_status_with_the_same_version_merges_seen_bits_and_answers_with_what_it_lacks()
    {
        var ours = Base.OnlySeen(B).MarkSeen(C);
        var status = new GossipStatus(A, B, GossipFingerprint.OfVersion(Base.Version), SeenDigest.Of(Base.OnlySeen(A)), GossipStatusKind.Periodic);

        var result = NodeB(ours).Step(status);

        Assert.Equal(3, result.State.Gossip.Seen.Count);
        var toSender = result.Sent<GossipStatus>().Where(s => s.To == A.Address).Select(s => s.Message).ToList();
        Assert.Contains(toSender, s => s.Kind == GossipStatusKind.Reply && s.Seen.SeenIn(Base)!.Contains(C));
    }

    [Fact]
    public void Replies_and_acknowledgements_are_merged_but_never_answered()
    {
        var older = new GossipStatus(A, B, GossipFingerprint.OfVersion(VectorClock.Empty), SeenDigest.Of(Gossip.Empty), GossipStatusKind.Reply);
        var ack = new GossipStatus(A, B, GossipFingerprint.OfVersion(Base.Version), SeenDigest.Of(Base.OnlySeen(A)), GossipStatusKind.Acknowledgement);
        var ours = Base.Increment(B).OnlySeen(B);

        Assert.Empty(NodeB(ours).Step(older).Effects<Send>());
        var acked = NodeB(Base.OnlySeen(B)).Step(ack);
        Assert.Empty(acked.Effects<Send>());
        Assert.True(acked.State.Gossip.HasSeen(A));
    }

    [Fact]
    public void A_periodic_status_from_a_newer_node_asks_for_its_gossip_and_a_request_gets_it()
    {
        var newer = Base.Increment(A);
        var fromNewer = new GossipStatus(A, B, GossipFingerprint.OfVersion(newer.Version), SeenDigest.Of(newer), GossipStatusKind.Periodic);
        Assert.Equal(GossipStatusKind.Request, Assert.Single(NodeB().Step(fromNewer).Sent<GossipStatus>()).Message.Kind);

        var request = new GossipStatus(A, B, GossipFingerprint.OfVersion(Base.Version), SeenDigest.Of(Base), GossipStatusKind.Request);
        Assert.Single(NodeB(Base.Increment(B)).Step(request).Sent<GossipEnvelope>());
    }

    [Fact]
    public void A_periodic_status_of_a_version_this_node_held_is_answered_with_the_delta_from_it()
    {
        var newer = Base.Increment(C).OnlySeen(C);
        var nodeB = NodeB().Step(GossipFrom(C, B, newer)).State; // Base is now one of B's recent versions.
        var fromOlder = new GossipStatus(A, B, GossipFingerprint.OfVersion(Base.Version), SeenDigest.Of(Base), GossipStatusKind.Periodic);

        var result = nodeB.Step(fromOlder);

        var (to, delta) = Assert.Single(result.Sent<GossipDeltaEnvelope>());
        Assert.Equal(A.Address, to);
        Assert.True(result.State.Gossip.IsSameStateAs(delta.Delta.ApplyTo(Base)!));
        Assert.Empty(result.Sent<GossipStatus>());
    }

    [Fact]
    public void A_periodic_status_of_a_concurrent_version_asks_for_the_senders_gossip_whose_clock_then_settles_it()
    {
        var ours = Base.Increment(B).OnlySeen(B);
        var theirs = Base.Increment(A).OnlySeen(A);
        var concurrent = new GossipStatus(A, B, GossipFingerprint.OfVersion(theirs.Version), SeenDigest.Of(theirs), GossipStatusKind.Periodic);

        var asked = NodeB(ours).Step(concurrent);
        var merged = NodeB(ours).Step(GossipFrom(A, B, theirs));

        Assert.Equal(GossipStatusKind.Request, Assert.Single(asked.Sent<GossipStatus>()).Message.Kind);
        Assert.Equal(VectorClockOrdering.After, merged.State.Gossip.Version.CompareTo(theirs.Version));
        Assert.Equal(VectorClockOrdering.After, merged.State.Gossip.Version.CompareTo(ours.Version));
    }

    [Fact]
    public void A_status_carries_the_fingerprint_of_the_clock_however_long_the_clock_grows()
    {
        var history = Enumerable.Range(0, 500).Aggregate(Base, (g, i) => g.Increment(Node($"h{i}"))).OnlySeen(B);

        var result = NodeB(history).Step(new VersionFingerprint(A, B, Fingerprint: 42, StateSummary: 0));

        var (_, status) = Assert.Single(result.Sent<GossipStatus>());
        Assert.Equal(GossipFingerprint.OfVersion(history.Version), status.Version);
        Assert.True(AkkaConvergence.Wire.ClusterWireFormat.ToBytes(status).Length < 200, "a status's size does not depend on the clock");
    }

    [Fact]
    public void A_seen_digest_that_does_not_fit_the_members_is_ignored()
    {
        var wrongSize = new GossipStatus(A, B, GossipFingerprint.OfVersion(Base.Version), new SeenDigest(7, [ulong.MaxValue]), GossipStatusKind.Acknowledgement);

        var result = NodeB(Base.OnlySeen(B)).Step(wrongSize);

        Assert.Equal([B], result.State.Gossip.Seen);
    }

    [Fact]
    public void A_fingerprint_equal_to_this_nodes_own_needs_no_answer()
    {
        var result = NodeB().Step(new VersionFingerprint(A, B, GossipFingerprint.Of(Base), StateSummary: 0));

        Assert.Empty(result.Sent<GossipStatus>());
        Assert.Empty(result.Sent<GossipEnvelope>());
    }

    [Fact]
    public void A_fingerprint_that_differs_in_the_clock_or_only_in_the_seen_set_is_answered_with_the_full_periodic_status()
    {
        var newerClock = Base.Increment(A);
        var fewerSeen = Base.OnlySeen(A);
        Assert.NotEqual(GossipFingerprint.Of(Base), GossipFingerprint.Of(fewerSeen));

        foreach (var theirs in new[] { newerClock, fewerSeen })
        {
            var result = NodeB().Step(new VersionFingerprint(A, B, GossipFingerprint.Of(theirs), StateSummary: 0));

            var (to, status) = Assert.Single(result.Sent<GossipStatus>());
            Assert.Equal(A.Address, to);
            Assert.Equal((GossipStatusKind.Periodic, GossipFingerprint.OfVersion(Base.Version)), (status.Kind, status.Version));
        }
    }

    [Fact]
    public void Equal_gossips_built_apart_have_one_fingerprint()
    {
        var rebuilt = new Gossip(Base.Members, Base.Seen, Base.Reachability, VectorClock.From(Base.Version.Versions.Reverse()), Base.Tombstones);

        Assert.Equal(GossipFingerprint.Of(Base), GossipFingerprint.Of(rebuilt));
    }

    [Fact]
    public void A_fingerprint_from_a_non_member_is_dropped()
    {
        var stranger = Node("z");

        var result = NodeB().Step(new VersionFingerprint(stranger, B, 1, StateSummary: 0));

        Assert.Empty(result.Sent<GossipStatus>());
        Assert.Contains(result.Effects<InputDropped>(), d => d.Reason == DropReason.UnknownSender);
    }
}
