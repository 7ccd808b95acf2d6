using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class GossipDeltaTests
{
    private static readonly UniqueAddress[] Nodes = Enumerable.Range(0, 8).Select(i => Node($"n{i}")).ToArray();
    private static readonly UniqueAddress Leader = Nodes[0];

    private static readonly Gossip Basis = TestGossips.SeenByAll(
        [.. Nodes.Take(7).Select((n, i) => TestMembers.Up(n, i + 1))]).Increment(Leader);

    /// <summary>Each a later version of <see cref="Basis"/>, made the way the protocol makes them.</summary>
    public static TheoryData<string> Changes() => ["join", "leaving", "unreachable", "removal", "several"];

    private static Gossip Changed(string change) => change switch
    {
        "join" => Basis.Update(TestMembers.Joining(Nodes[7])).Increment(Leader).OnlySeen(Leader),
        "leaving" => Basis.Update(Basis.GetMember(Nodes[3]).WithStatus(MemberStatus.Leaving)).Increment(Nodes[3]).OnlySeen(Nodes[3]).MarkSeen(Nodes[5]),
        "unreachable" => Basis.WithReachability(Basis.Reachability.Unreachable(Nodes[1], Nodes[2])).Increment(Nodes[1]).OnlySeen(Nodes[1]),
        "removal" => Basis.Increment(Nodes[4]).MarkAsDown(Basis.GetMember(Nodes[4])).Remove(Nodes[4], 5_000).Increment(Leader).OnlySeen(Leader),
        _ => Basis.Update([Basis.GetMember(Nodes[1]).WithStatus(MemberStatus.Leaving), TestMembers.Joining(Nodes[7])])
            .WithReachability(Basis.Reachability.Unreachable(Nodes[2], Nodes[6]).Terminated(Nodes[3], Nodes[5]))
            .Increment(Nodes[2]).Increment(Leader).OnlySeen(Leader).MarkSeen(Nodes[2]),
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Applied_to_its_basis_a_delta_gives_exactly_the_target(string change)
    {
        var target = Changed(change);

        var delta = GossipDelta.Between(Basis, target);

        Assert.NotNull(delta);
        var applied = delta.ApplyTo(Basis);
        Assert.NotNull(applied);
        Assert.True(target.IsSameStateAs(applied), $"{target}\n{applied}");
        Assert.Empty(applied.FindInvariantViolations());
        Assert.Equal(GossipFingerprint.Of(target), GossipFingerprint.Of(applied));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_delta_carries_only_what_changed(string change)
    {
        var target = Changed(change);

        var delta = GossipDelta.Between(Basis, target)!;

        Assert.True(delta.Changes.Members.Count <= 2);
        Assert.True(delta.Changes.Version.Versions.Count <= 2);
        Assert.Empty(delta.Changes.Seen);
    }

    [Fact]
    public void A_delta_between_copies_of_one_version_merges_their_seen_sets()
    {
        var ours = Basis.ClearSeen().MarkSeen(Nodes[1]);
        var theirs = Basis.ClearSeen().MarkSeen(Nodes[6]);

        var delta = GossipDelta.Between(Basis, theirs)!;

        Assert.Empty(delta.Changes.Members);
        Assert.Equal(new[] { Nodes[1], Nodes[6] }.ToHashSet(), delta.ApplyTo(ours)!.Seen.ToHashSet());
    }

    [Fact]
    public void A_delta_applied_to_a_copy_of_the_basis_with_another_seen_set_gives_the_target()
    {
        var target = Changed("leaving");
        var otherCopy = Basis.ClearSeen().MarkSeen(Nodes[6]);

        var applied = GossipDelta.Between(Basis, target)!.ApplyTo(otherCopy);

        Assert.True(target.IsSameStateAs(applied!));
    }

    [Fact]
    public void A_delta_does_not_apply_to_any_other_version()
    {
        var delta = GossipDelta.Between(Basis, Changed("join"))!;

        Assert.Null(delta.ApplyTo(Basis.Increment(Nodes[5])));
        Assert.Null(delta.ApplyTo(Changed("leaving")));
        Assert.Null(delta.ApplyTo(Gossip.Empty));
    }

    [Fact]
    public void A_delta_whose_result_is_not_the_described_target_is_not_applied()
    {
        var delta = GossipDelta.Between(Basis, Changed("join"))!;

        Assert.Null((delta with { TargetVersion = delta.TargetVersion + 1 }).ApplyTo(Basis));
        Assert.Null((delta with { TargetMemberCount = delta.TargetMemberCount + 1 }).ApplyTo(Basis));
        Assert.Null((delta with { Seen = new SeenDigest(3, [1UL]) }).ApplyTo(Basis));
    }

    [Fact]
    public void A_pruned_tombstone_or_a_change_to_most_members_needs_the_whole_gossip()
    {
        var removed = Changed("removal");
        var pruned = removed.PruneTombstones([Nodes[4]]).Increment(Leader);
        var allLeaving = Basis.Update(Basis.Members.Select(m => m.WithStatus(MemberStatus.Leaving))).Increment(Leader);

        Assert.Null(GossipDelta.Between(removed, pruned));
        Assert.Null(GossipDelta.Between(Basis, allLeaving));
    }

    [Fact]
    public void A_member_missing_from_the_target_without_a_tombstone_needs_the_whole_gossip()
    {
        var withoutTombstone = new Gossip(Basis.Members.Remove(Basis.GetMember(Nodes[6])), [], Basis.Reachability, Basis.Version.Increment(Leader.ClockNodeId), Basis.Tombstones);

        Assert.Null(GossipDelta.Between(Basis, withoutTombstone));
    }

    [Fact]
    public void A_node_that_holds_the_basis_adopts_the_target_acknowledges_it_to_the_leader_and_pushes_it_on()
    {
        var target = Changed("join");
        var delta = new GossipDeltaEnvelope(Nodes[5], Nodes[3], GossipDelta.Between(Basis, target)!);

        var result = Holding(Nodes[3], Basis).Step(delta);

        Assert.True(target.MarkSeen(Nodes[3]).IsSameStateAs(result.State.Gossip));
        Assert.Contains(result.Sent<GossipStatus>(), s => s.Message.Kind == GossipStatusKind.Acknowledgement && s.To == Leader.Address);
        Assert.Contains(result.Sent<GossipStatus>(), s => s.Message.Kind == GossipStatusKind.Reply && s.To == Nodes[5].Address);
        Assert.NotEmpty(result.SentGossips());
        Assert.DoesNotContain(result.Effects<DeltaBasisMissed>(), _ => true);
    }

    [Fact]
    public void A_version_the_leader_sent_is_answered_to_it_once_by_the_reply_not_also_acknowledged()
    {
        var target = Changed("join");
        var delta = new GossipDeltaEnvelope(Leader, Nodes[3], GossipDelta.Between(Basis, target)!);

        var result = Holding(Nodes[3], Basis).Step(delta);

        var (to, reply) = Assert.Single(result.Sent<GossipStatus>());
        Assert.Equal((Leader.Address, GossipStatusKind.Reply), (to, reply.Kind));
        Assert.Contains(Nodes[3], reply.Seen.SeenIn(result.State.Gossip)!);
        Assert.NotEmpty(result.SentGossips());
    }

    [Fact]
    public void A_node_that_holds_another_version_sends_its_status_and_gets_the_delta_from_its_own()
    {
        // The sender went Basis -> v1 -> v2; the receiver still holds Basis, but is sent the delta from v1.
        var v1 = Changed("join");
        var v2 = v1.Update(TestMembers.Up(Nodes[7], 8)).Increment(Leader).OnlySeen(Leader);
        var sender = Holding(Leader, Basis) with { Membership = new MembershipState(Leader, Basis).WithGossip(v1).WithGossip(v2) };
        var guessed = new GossipDeltaEnvelope(Leader, Nodes[3], GossipDelta.Between(v1, v2)!);

        var missed = Holding(Nodes[3], Basis).Step(guessed);

        Assert.Equal(new DeltaBasisMissed(Leader, HeldTarget: false), Assert.Single(missed.Effects<DeltaBasisMissed>()));
        var (_, status) = Assert.Single(missed.Sent<GossipStatus>());
        Assert.Equal(GossipStatusKind.Periodic, status.Kind);
        Assert.Same(Basis, missed.State.Gossip);

        var answered = sender.Step(status);

        var (to, answer) = Assert.Single(answered.Sent<GossipDeltaEnvelope>());
        Assert.Equal(Nodes[3].Address, to);
        var adopted = missed.Then(answer);
        Assert.Equal(v2.Version, adopted.State.Gossip.Version);
        Assert.True(adopted.State.Gossip.HasSeen(Nodes[3]));
    }

    [Fact]
    public void A_sender_that_is_behind_the_receiver_gets_a_status_that_makes_it_pull_the_newer_version()
    {
        // The sender pushes v1 from Basis; the receiver has moved on to v2 and kept v1, not Basis.
        var v1 = Changed("join");
        var v2 = v1.Update(TestMembers.Up(Nodes[7], 8)).Increment(Leader).OnlySeen(Leader);
        var sender = Holding(Nodes[5], v1.MarkSeen(Nodes[5]));
        var pushed = new GossipDeltaEnvelope(Nodes[5], Leader, GossipDelta.Between(Basis, v1)!);

        var missed = (Holding(Leader, v1) with { Membership = new MembershipState(Leader, v1).WithGossip(v2) }).Step(pushed);

        var (_, status) = Assert.Single(missed.Sent<GossipStatus>());
        var pulled = sender.Step(status);
        var (_, request) = Assert.Single(pulled.Sent<GossipStatus>());
        Assert.Equal(GossipStatusKind.Request, request.Kind);
        var answered = missed.Then(request);
        var adopted = pulled.Then(Assert.Single(answered.Sent<GossipDeltaEnvelope>()).Message);
        Assert.Equal(v2.Version, adopted.State.Gossip.Version);
    }

    [Fact]
    public void A_delta_from_a_version_the_receiver_held_before_its_latest_gives_the_senders_gossip_to_merge()
    {
        // Both moved on from Basis concurrently: the receiver to a leaving, the sender to a join.
        var ours = Changed("leaving");
        var theirs = Changed("join");
        var receiver = Holding(Nodes[3], Basis) with { Membership = new MembershipState(Nodes[3], Basis).WithGossip(ours) };

        var result = receiver.Step(new GossipDeltaEnvelope(Leader, Nodes[3], GossipDelta.Between(Basis, theirs)!));

        Assert.Empty(result.Effects<DeltaBasisMissed>());
        var merged = result.State.Gossip;
        Assert.Equal(VectorClockOrdering.After, merged.Version.CompareTo(ours.Version));
        Assert.Equal(VectorClockOrdering.After, merged.Version.CompareTo(theirs.Version));
        Assert.True(merged.HasMember(Nodes[7]));
        Assert.Equal(MemberStatus.Leaving, merged.GetMember(Nodes[3]).Status);
    }

    [Fact]
    public void A_node_that_already_holds_the_target_replies_with_only_the_seen_entries_the_sender_lacks()
    {
        var target = Changed("join");
        var ours = target.MarkSeen(Nodes[3]).MarkSeen(Nodes[4]);
        var delta = new GossipDeltaEnvelope(Leader, Nodes[3], GossipDelta.Between(Basis, target)!);

        var result = Holding(Nodes[3], ours).Step(delta);

        Assert.Equal(new DeltaBasisMissed(Leader, HeldTarget: true), Assert.Single(result.Effects<DeltaBasisMissed>()));
        var (to, reply) = Assert.Single(result.Sent<GossipStatus>());
        Assert.Equal((Leader.Address, GossipStatusKind.Reply), (to, reply.Kind));
        Assert.Equal(new[] { Nodes[3], Nodes[4] }.ToHashSet(), reply.Seen.SeenIn(ours)!.ToHashSet());
    }

    [Fact]
    public void A_delta_from_a_stranger_or_for_another_incarnation_is_dropped()
    {
        var delta = GossipDelta.Between(Changed("join"), Changed("join").Increment(Leader))!;
        var stranger = Node("stranger");

        Assert.Equal([DropReason.UnknownSender], Holding(Nodes[3], Basis).Step(new GossipDeltaEnvelope(stranger, Nodes[3], delta)).Drops());
        Assert.Equal([DropReason.WrongIncarnation], Holding(Nodes[3], Basis).Step(new GossipDeltaEnvelope(Leader, Node("n3", uid: 9), delta)).Drops());
    }
}
