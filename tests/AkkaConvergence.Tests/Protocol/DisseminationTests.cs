using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class DisseminationTests
{
    private static readonly UniqueAddress[] Nodes = Enumerable.Range(0, 10).Select(i => Node($"n{i}")).ToArray();
    private static readonly UniqueAddress Self = Nodes[0];

    /// <summary>Members beyond a small cluster's direct pushes, so pushes go to the push fanout.</summary>
    private static readonly UniqueAddress[] Many = Enumerable.Range(0, StateGossip.DirectPushPeers + 2).Select(i => Node($"m{i:00}")).ToArray();

    private static Gossip LargeCluster() =>
        Many.Aggregate(TestGossips.Of(Many.Select((n, i) => TestMembers.Up(n, i + 1)).ToArray()), (g, n) => g.MarkSeen(n));

    private static Gossip Cluster(int seenCount) =>
        Nodes.Take(seenCount).Aggregate(TestGossips.Of(Nodes.Select((n, i) => TestMembers.Up(n, i + 1)).ToArray()), (g, n) => g.MarkSeen(n));

    [Theory]
    [InlineData(400, 0.8)]
    [InlineData(600, 0.62)]
    [InlineData(800, 0.44)]
    [InlineData(1000, 0.26)]
    [InlineData(1200, 0.08)]
    [InlineData(5000, 0.08)]
    [InlineData(10, 0.8)]
    public void The_unseen_preference_falls_linearly_above_the_knee_to_a_tenth_at_three_times_it(int size, double expected)
    {
        Assert.Equal(expected, Settings.PreferUnseenProbabilityFor(size), precision: 6);
    }

    [Fact]
    public void A_node_whose_version_becomes_seen_by_every_member_tells_two_members_once()
    {
        var gossip = Cluster(seenCount: 9);
        var last = Nodes[9];
        var acknowledgement = new GossipStatus(last, Self, GossipFingerprint.OfVersion(gossip.Version), SeenDigest.Of(gossip.OnlySeen(last)), GossipStatusKind.Acknowledgement);

        var completed = Holding(Self, gossip).Step(acknowledgement);
        var again = completed.Then(acknowledgement with { Kind = GossipStatusKind.Reply });

        Assert.True(completed.State.Gossip.IsSeenByAll);
        var told = completed.Sent<GossipStatus>().ToList();
        Assert.Equal(Dissemination.SeenByAllFanout, told.Select(t => t.To).Distinct().Count());
        Assert.All(told, t => Assert.Equal((GossipStatusKind.Reply, 10), (t.Message.Kind, t.Message.Seen.SeenIn(gossip)!.Count)));
        Assert.Empty(again.Sent<GossipStatus>());
    }

    [Fact]
    public void A_status_that_leaves_someone_unseen_is_not_passed_on()
    {
        var gossip = Cluster(seenCount: 8);
        var status = new GossipStatus(Nodes[8], Self, GossipFingerprint.OfVersion(gossip.Version), SeenDigest.Of(gossip.OnlySeen(Nodes[8])), GossipStatusKind.Acknowledgement);

        var result = Holding(Self, gossip).Step(status);

        Assert.Equal(9, result.State.Gossip.Seen.Count);
        Assert.Empty(result.Sent<GossipStatus>());
    }

    [Fact]
    public void A_periodic_round_sends_only_a_fingerprint_to_a_node_that_has_seen_the_version()
    {
        var gossip = Cluster(seenCount: 10);
        var result = Holding(Self, gossip).AtGossipRound();

        var sent = Assert.Single(result.Effects<Send>());
        Assert.Equal(GossipFingerprint.Of(gossip), Assert.IsType<VersionFingerprint>(sent.Message).Fingerprint);
    }

    [Fact]
    public void A_periodic_round_prefers_members_that_have_not_seen_the_version()
    {
        var unseen = Nodes.Skip(8).Select(n => n.Address).ToHashSet();
        var gossip = Cluster(seenCount: 8);
        var toUnseen = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var sent = Holding(Self, gossip).AtGossipRound(seed: seed).Effects<Send>().Single();
            if (unseen.Contains(sent.To))
            {
                Assert.Equal(GossipStatusKind.Periodic, Assert.IsType<GossipStatus>(sent.Message).Kind); // It needs our status to know what to ask for.
                toUnseen++;
            }
            else
            {
                Assert.IsType<VersionFingerprint>(sent.Message);
            }
        }

        // 0.8 preference plus the 2/9 chance of a uniform pick landing on an unseen node anyway.
        Assert.InRange(toUnseen / 200.0, 0.75, 0.93);
    }

    [Fact]
    public void While_fewer_than_half_have_seen_the_version_each_tick_gossips_three_times()
    {
        Assert.Equal(3, Holding(Self, Cluster(seenCount: 2)).AtGossipRound().Effects<Send>().Count());
        Assert.Single(Holding(Self, Cluster(seenCount: 5)).AtGossipRound().Effects<Send>());
    }

    [Fact]
    public void A_singleton_or_a_node_that_has_not_joined_does_not_gossip()
    {
        Assert.Empty(Holding(Self, TestGossips.SeenByAll(TestMembers.Up(Self))).AtGossipRound().Effects<Send>());
        Assert.Empty(Fresh(Self).AtGossipRound().Effects<Send>());
    }

    [Fact]
    public void A_local_change_in_a_small_cluster_is_pushed_at_once_to_every_unseen_member()
    {
        var result = Holding(Self, Cluster(seenCount: 10)).Step(new LeaveCommand(Nodes[9].Address));

        var targets = result.SentGossips().Select(s => s.To).ToList();
        Assert.Equal(Nodes.Skip(1).Select(n => n.Address).ToHashSet(), targets.ToHashSet());
        Assert.Equal(targets.Count, targets.Distinct().Count());
    }

    [Fact]
    public void A_local_change_in_a_larger_cluster_is_pushed_at_once_to_the_push_fanout_of_unseen_members()
    {
        var nodes = Enumerable.Range(0, StateGossip.DirectPushPeers + 2).Select(i => Node($"m{i:00}")).ToArray();
        var cluster = nodes.Aggregate(TestGossips.Of(nodes.Select((n, i) => TestMembers.Up(n, i + 1)).ToArray()), (g, n) => g.MarkSeen(n));

        var result = Holding(nodes[0], cluster).Step(new LeaveCommand(nodes[^1].Address));

        var targets = result.SentGossips().Select(s => s.To).ToList();
        Assert.Equal(Dissemination.PushFanout, targets.Count);
        Assert.Equal(targets.Count, targets.Distinct().Count());
        Assert.DoesNotContain(nodes[0].Address, targets);
    }

    [Fact]
    public void A_received_new_version_is_forwarded_and_acknowledged_to_the_leader()
    {
        var leader = Nodes[0];
        var newer = Cluster(seenCount: 10).Increment(Nodes[5]).OnlySeen(Nodes[5]);

        var result = Holding(Nodes[3], Cluster(seenCount: 10)).Step(GossipFrom(Nodes[5], Nodes[3], newer));

        Assert.Equal(Dissemination.PushFanout, result.SentGossips().Count());
        var (to, ack) = Assert.Single(result.Sent<GossipStatus>(), s => s.Message.Kind == GossipStatusKind.Acknowledgement);
        Assert.Equal(leader.Address, to);
        Assert.Equal(result.State.Gossip.Seen.OrderBy(n => n).ToList(), ack.Seen.SeenIn(result.State.Gossip)!.OrderBy(n => n).ToList()); // Its whole seen-set: itself and the sender.
        Assert.Equal(2, result.State.Gossip.Seen.Count);
    }

    [Fact]
    public void An_acknowledgement_names_its_sender_and_at_most_three_others()
    {
        var leader = Nodes[0];
        var newer = Cluster(seenCount: 10).Increment(Nodes[5]).OnlySeen(Nodes[5]);
        newer = Nodes.Skip(6).Aggregate(newer, (g, n) => g.MarkSeen(n)); // Seen by 5..9.

        var result = Holding(Nodes[3], Cluster(seenCount: 10)).Step(GossipFrom(Nodes[5], Nodes[3], newer));

        var (to, ack) = Assert.Single(result.Sent<GossipStatus>(), s => s.Message.Kind == GossipStatusKind.Acknowledgement);
        var named = ack.Seen.SeenIn(result.State.Gossip)!;
        Assert.Equal(leader.Address, to);
        Assert.Equal(6, result.State.Gossip.Seen.Count);
        Assert.Contains(Nodes[3], named);
        Assert.Equal(1 + Dissemination.AcknowledgedOthers, named.Count);
        Assert.Subset(result.State.Gossip.Seen.ToHashSet(), named.ToHashSet());
    }

    [Fact]
    public void Pushes_are_rate_limited_during_a_burst_and_the_newest_version_goes_out_when_a_token_is_back()
    {
        var state = Holding(Many[3], LargeCluster()); // Not the leader, so no straggler repair mixes in.
        var pushes = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var result = state.Step(new LeaveCommand(Many[^(i + 1)].Address), now: 1_000);
            pushes.Add(result.SentGossips().Count());
            state = result.State;
        }

        const int F = Dissemination.PushFanout;
        Assert.Equal([F, F, F, 0, 0, 0], pushes); // A token each for the first three versions.
        var wakeUp = state.Step(WakeUp.Instance, now: 1_000 + Dissemination.PushIntervalMillis);
        Assert.Equal(Dissemination.PushFanout, wakeUp.SentGossips().Count());
        Assert.All(wakeUp.SentGossips(), s => Assert.True(state.Gossip.IsSameStateAs(s.Gossip)));
    }

    [Fact]
    public void The_leader_repairs_stragglers_that_have_not_acknowledged_after_the_repair_delay()
    {
        var changed = Holding(Self, Cluster(seenCount: 10)).Step(new LeaveCommand(Nodes[9].Address), now: 1_000);
        var repairAt = 1_000 + Dissemination.StragglerRepairDelayMillis;
        Assert.Contains(changed.Effects<ScheduleWakeUp>(), w => w.AtMillis == repairAt);
        var acknowledgedBySome = changed.State with
        {
            Membership = changed.State.Membership.WithGossip(Nodes.Take(6).Aggregate(changed.State.Gossip, (g, n) => g.MarkSeen(n))),
        };

        var repaired = acknowledgedBySome.Step(WakeUp.Instance, now: repairAt);

        Assert.Equal(Nodes.Skip(6).Select(n => n.Address).ToHashSet(), repaired.SentGossips().Select(s => s.To).ToHashSet());
    }

    [Fact]
    public void A_push_is_repeated_to_the_members_not_heard_from_and_only_to_them()
    {
        var state = Holding(Many[3], LargeCluster()); // Not the leader, so no straggler repair mixes in.
        var pushed = state.Step(new LeaveCommand(Many[^1].Address), now: 1_000);
        var targets = pushed.SentGossips().Select(s => s.To).ToList();
        var replied = Many.First(n => n.Address == targets[0]);
        var reply = new GossipStatus(replied, Many[3], GossipFingerprint.OfVersion(pushed.State.Gossip.Version), SeenDigest.Of(pushed.State.Gossip.OnlySeen(replied)), GossipStatusKind.Reply);

        var afterReply = pushed.Then(reply, now: 1_010);
        var early = afterReply.Then(WakeUp.Instance, now: 1_000 + Dissemination.PushRetryDelayMillis - 1);
        var retried = afterReply.Then(WakeUp.Instance, now: 1_000 + Dissemination.PushRetryDelayMillis);

        Assert.Equal(Dissemination.PushFanout, targets.Count);
        Assert.Contains(pushed.Effects<ScheduleWakeUp>(), w => w.AtMillis == 1_000 + Dissemination.PushRetryDelayMillis);
        Assert.Empty(early.SentGossips());
        Assert.Equal(targets.Skip(1).ToHashSet(), retried.SentGossips().Select(s => s.To).ToHashSet());
        Assert.All(retried.SentGossips(), s => Assert.True(pushed.State.Gossip.HasSameContentAs(s.Gossip)));
    }

    [Fact]
    public void A_push_is_repeated_at_most_the_retry_count_with_the_wait_doubling()
    {
        var result = Holding(Many[3], LargeCluster()).Step(new LeaveCommand(Many[^1].Address), now: 1_000);
        var (now, wait, repeats) = (1_000L, Dissemination.PushRetryDelayMillis, new List<int>());
        for (var i = 0; i <= Dissemination.PushRetries; i++)
        {
            now += wait;
            wait *= 2;
            result = result.Then(WakeUp.Instance, now: now);
            repeats.Add(result.SentGossips().Count());
        }

        Assert.Equal([.. Enumerable.Repeat(Dissemination.PushFanout, Dissemination.PushRetries), 0], repeats);
        Assert.Null(result.State.Push.RetryDueAtMillis);
    }

    [Fact]
    public void Every_pushed_member_replying_ends_the_wait_without_a_repeat()
    {
        var pushed = Holding(Many[3], LargeCluster()).Step(new LeaveCommand(Many[^1].Address), now: 1_000);
        var result = pushed;
        foreach (var to in pushed.SentGossips().Select(s => s.To))
        {
            var node = Many.First(n => n.Address == to);
            result = result.Then(new GossipStatus(node, Many[3], GossipFingerprint.OfVersion(pushed.State.Gossip.Version), SeenDigest.Of(pushed.State.Gossip.OnlySeen(node)), GossipStatusKind.Reply), now: 1_005);
        }

        var due = result.Then(WakeUp.Instance, now: 1_000 + Dissemination.PushRetryDelayMillis);

        Assert.Empty(due.SentGossips());
        Assert.Null(due.State.Push.RetryDueAtMillis);
    }

    [Fact]
    public void A_push_is_not_repeated_once_a_newer_version_replaced_the_pushed_one()
    {
        var state = Holding(Many[3], LargeCluster());
        var first = state.Step(new LeaveCommand(Many[^1].Address), now: 1_000);
        var spent = Enumerable.Range(0, TokenBucket.Capacity - 1)
            .Aggregate(first, (result, i) => result.Then(new LeaveCommand(Many[^(i + 2)].Address), now: 1_000));
        var newer = spent.Then(new LeaveCommand(Many[^10].Address), now: 1_000); // No token left: its push waits.

        var due = newer.Then(WakeUp.Instance, now: 1_000 + Dissemination.PushRetryDelayMillis);

        Assert.Empty(newer.SentGossips());
        Assert.True(due.State.Push.PushPending);
        Assert.Empty(due.SentGossips());
    }

    [Theory]
    [InlineData(59, new[] { 59, 59, 59, 59, 0 })]
    [InlineData(40, new[] { 40, 40, 40, 40, 40, 40, 0 })]
    public void Repair_rounds_after_the_fourth_run_only_for_a_few_stragglers(int missing, int[] expected)
    {
        var nodes = Enumerable.Range(0, 60).Select(i => Node($"m{i:00}")).ToArray();
        var cluster = nodes.Take(60 - missing).Aggregate(TestGossips.Of(nodes.Select((n, i) => TestMembers.Up(n, i + 1)).ToArray()), (g, n) => g.MarkSeen(n));
        var result = Holding(nodes[0], cluster).Step(new LeaveCommand(nodes[59].Address), now: 1_000);
        var acknowledged = nodes.Skip(1).Take(59 - missing).Aggregate(result.State.Gossip, (g, n) => g.MarkSeen(n));
        result = result.Then(new GossipStatus(nodes[1], nodes[0], GossipFingerprint.OfVersion(acknowledged.Version), SeenDigest.Of(acknowledged), GossipStatusKind.Acknowledgement), now: 1_001);
        var rounds = new List<int>();
        for (var round = 0; round < expected.Length; round++)
        {
            var due = result.State.Push.RepairDueAtMillis ?? result.State.Push.NextDueAtMillis();
            result = result.Then(WakeUp.Instance, now: Math.Max(due, 1_002));
            rounds.Add(result.SentGossips().Count());
        }

        Assert.Equal(expected, rounds);
    }

    [Theory]
    [InlineData(10, 200)]
    [InlineData(1_000, 333)]
    [InlineData(10_000, 3_333)]
    [InlineData(100_000, 33_333)]
    public void A_repair_round_reaches_a_third_of_a_large_cluster(int members, int limit)
    {
        Assert.Equal(limit, Dissemination.StragglerRepairLimitFor(members));
    }
}
