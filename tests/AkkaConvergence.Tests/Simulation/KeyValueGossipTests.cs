using AkkaConvergence.KeyValue;
using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>The key/value state's dissemination across simulated clusters: pushes, anti-entropy, removal, resets.</summary>
public class KeyValueGossipTests
{
    private static readonly StateValue Load = new(17, "D", [1, 2, 3, 4, 5, 6, 7, 8]);

    private static SimulatedCluster Cluster(int nodes, int seed = 1, double loss = 0, string configuration = "") =>
        new(new SimulationOptions { Nodes = nodes, Seed = seed, Loss = loss, Configuration = configuration });

    private static bool NobodyHolds(SimulatedCluster cluster, UniqueAddress owner, string key) =>
        cluster.LiveNodes.All(node => !node.State.KeyValue.Store.Of(owner).Entries.TryGetValue(key, out var entry) || entry.IsDeleted);

    private static bool EveryoneHolds(SimulatedCluster cluster, UniqueAddress owner, string key, long version) =>
        cluster.LiveNodes.All(node => ScenarioGoals.HoldsEntry(node, owner, key, version));

    /// <summary>Every live node holds exactly this version of the key, and it is a value (not deleted).</summary>
    private static bool EveryoneHoldsValue(SimulatedCluster cluster, UniqueAddress owner, string key, long version) =>
        cluster.LiveNodes.All(node => node.State.KeyValue.Store.Of(owner).Entries.TryGetValue(key, out var entry) && entry.Version == version && !entry.IsDeleted);

    [Fact]
    public void Once_everyone_holds_a_write_the_cluster_sends_no_more_deltas()
    {
        var cluster = Cluster(10);
        cluster.Bootstrap(10);
        var owner = cluster.NodeAt(9)!.Self;
        cluster.Input(9, new SetStateCommand("load", Load));
        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, owner, "load", 1), cluster.Now + 5_000));
        cluster.RunFor(2_000);

        var sent = new List<IClusterMessage>();
        cluster.Stepped = (_, _, result, _) => sent.AddRange(result.Effects.OfType<Send>().Select(s => s.Message).Where(m => m is StateDelta or StateDigest));
        cluster.RunFor(10_000);

        Assert.Empty(sent); // Summaries ride on the membership's periodic digests, and they agree.
    }

    [Fact]
    public void A_write_never_touches_the_membership_gossip_its_clock_or_seen_set()
    {
        var cluster = Cluster(8);
        cluster.Bootstrap(8);
        var touched = new List<string>();
        cluster.Stepped = (node, before, result, input) =>
        {
            if (input is SetStateCommand or StateDelta or StateDigest && !ReferenceEquals(before.Gossip, result.State.Gossip))
            {
                touched.Add($"{node.Self} on {input.GetType().Name}");
            }
        };

        for (var i = 0; i < 8; i++)
        {
            cluster.Input(i, new SetStateCommand("load", Load));
        }

        Assert.True(cluster.RunUntil(() => Enumerable.Range(0, 8).All(i => EveryoneHolds(cluster, cluster.NodeAt(i)!.Self, "load", 1)), cluster.Now + 5_000));
        Assert.Empty(touched);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void With_a_tenth_of_all_messages_lost_every_node_still_gets_the_write(int seed)
    {
        var cluster = Cluster(30, seed, loss: 0.1);
        cluster.Bootstrap(30);
        var owner = cluster.NodeAt(29)!.Self;

        cluster.Input(29, new SetStateCommand("load", Load));

        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, owner, "load", 1), cluster.Now + 10_000));
    }

    [Fact]
    public void A_node_cut_off_during_writes_catches_up_by_anti_entropy_once_healed()
    {
        var cluster = Cluster(6, configuration: "akka.convergence.downing.stable-after = 30s");
        cluster.Bootstrap(6);
        var owner = cluster.NodeAt(0)!.Self;
        cluster.Network.Partition([0, 1, 2, 3, 4], [5]);
        cluster.Input(0, new SetStateCommand("a", Load));
        cluster.Input(0, new SetStateCommand("b", Load));
        cluster.RunFor(3_000);
        Assert.False(ScenarioGoals.HoldsEntry(cluster.NodeAt(5)!, owner, "a", 1));

        cluster.Network.HealAll();

        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, owner, "b", 2) && EveryoneHolds(cluster, owner, "a", 1), cluster.Now + 10_000));
    }

    [Fact]
    public void A_node_away_past_the_tombstone_grace_is_reset_and_the_deleted_key_never_comes_back()
    {
        var cluster = Cluster(5, configuration: """
            akka.convergence.downing.stable-after = 60s
            akka.convergence.gossip-state.tombstone-grace-period = 2s
            """);
        cluster.Bootstrap(5);
        var owner = cluster.NodeAt(0)!.Self;
        cluster.Input(0, new SetStateCommand("deleted", Load));
        cluster.Input(0, new SetStateCommand("kept", Load));
        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, owner, "kept", 2), cluster.Now + 5_000));

        cluster.Network.Partition([0, 1, 2, 3], [4]);
        cluster.Input(0, new DeleteStateCommand("deleted"));
        cluster.RunFor(10_000); // The deletion spreads on the majority side and its tombstone is purged there.
        Assert.All(Enumerable.Range(0, 4), slot => Assert.False(cluster.NodeAt(slot)!.State.KeyValue.Store.Of(owner).Entries.ContainsKey("deleted")));
        Assert.True(cluster.NodeAt(4)!.State.KeyValue.Store.Of(owner).Entries["deleted"] is { IsDeleted: false });

        cluster.Network.HealAll();

        Assert.True(cluster.RunUntil(() => NobodyHolds(cluster, owner, "deleted") && EveryoneHolds(cluster, owner, "kept", 2), cluster.Now + 10_000));
        cluster.RunFor(5_000);
        Assert.True(NobodyHolds(cluster, owner, "deleted"));
    }

    [Fact]
    public void A_removed_members_state_goes_everywhere_and_its_late_delta_cannot_bring_it_back()
    {
        var cluster = Cluster(5);
        cluster.Bootstrap(5);
        var leaver = cluster.NodeAt(4)!.Self;
        cluster.Input(4, new SetStateCommand("load", Load));
        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, leaver, "load", 1), cluster.Now + 5_000));
        var lateDelta = new StateDelta(leaver, cluster.NodeAt(0)!.Self, [new OwnerDelta(leaver, 0, 1, 0, [new DeltaEntry("load", 1, Load)])]);

        cluster.Input(4, new LeaveCommand(leaver.Address));
        Assert.True(cluster.RunUntil(() => cluster.LiveNodes.Count() == 4 && cluster.LiveNodes.All(n => !n.State.Gossip.HasMember(leaver)), cluster.Now + 20_000));
        Assert.All(cluster.LiveNodes, node => Assert.False(node.State.KeyValue.Store.Owners.ContainsKey(leaver)));

        cluster.Input(0, lateDelta);
        cluster.RunFor(1_000);
        Assert.False(cluster.NodeAt(0)!.State.KeyValue.Store.Owners.ContainsKey(leaver));
    }

    [Fact]
    public void A_restarted_node_starts_with_empty_state_under_its_new_incarnation()
    {
        var cluster = Cluster(4);
        cluster.Bootstrap(4);
        var old = cluster.NodeAt(3)!.Self;
        cluster.Input(3, new SetStateCommand("load", Load));
        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, old, "load", 1), cluster.Now + 5_000));

        cluster.Crash(3);
        var restarted = cluster.Start(3).Self;
        cluster.Input(3, new JoinSeedNodesCommand([SimulatedCluster.AddressOf(0)]));

        Assert.True(cluster.RunUntil(() => cluster.LiveNodes.All(n => n.State.Gossip.HasMember(restarted) && !n.State.Gossip.HasMember(old)), cluster.Now + 60_000));
        Assert.All(cluster.LiveNodes, node => Assert.False(node.State.KeyValue.Store.Owners.ContainsKey(old)));
        Assert.All(cluster.LiveNodes, node => Assert.Empty(node.State.KeyValue.Store.Of(restarted).Entries));
    }

    [Fact]
    public void A_joiner_gets_every_owners_full_state_in_messages_of_at_most_64_KiB_and_digests_list_at_most_a_window()
    {
        var cluster = Cluster(12);
        cluster.Bootstrap(12);
        for (var slot = 0; slot < 12; slot++)
        {
            for (var k = 0; k < 40; k++)
            {
                cluster.Input(slot, new SetStateCommand($"k{k}", new StateValue(17, "D", new byte[1_000])));
            }
        }

        var largest = 0;
        var largestDigest = 0;
        cluster.Stepped = (_, _, result, _) =>
        {
            foreach (var send in result.Effects.OfType<Send>())
            {
                if (send.Message is StateDelta or StateDigest)
                {
                    largest = Math.Max(largest, AkkaConvergence.Wire.ClusterWireFormat.ToBytes(send.Message).Length);
                }

                if (send.Message is StateDigest digest)
                {
                    largestDigest = Math.Max(largestDigest, digest.Holdings.Length);
                }
            }
        };
        cluster.RunFor(3_000);
        var joiner = cluster.Start(12).Self;
        cluster.Input(12, new JoinSeedNodesCommand([SimulatedCluster.AddressOf(0)]));

        Assert.True(cluster.RunUntil(
            () => Enumerable.Range(0, 12).All(slot => ScenarioGoals.HoldsEntry(cluster.NodeAt(12)!, cluster.NodeAt(slot)!.Self, "k39", 40)),
            cluster.Now + 30_000));
        Assert.InRange(largest, 40_000, 64 * 1024); // One owner's 40 KB state per message at most: more would pass the bound.
        Assert.InRange(largestDigest, 1, StateGossip.DigestWindowOwners);
        Assert.Equal(joiner, cluster.NodeAt(12)!.Self);
    }

    [Fact]
    public void An_owner_cools_after_its_push_rounds_while_another_keeps_writing()
    {
        var cluster = Cluster(60); // More members than a node remembers holdings of: knowledge alone cannot filter the pushes.
        cluster.Bootstrap(60);
        var quiet = cluster.NodeAt(0)!.Self;
        cluster.Input(0, new SetStateCommand("once", Load));
        for (var i = 0; i < 200; i++)
        {
            var value = new StateValue(17, "D", BitConverter.GetBytes(i));
            cluster.At(cluster.Now + (i * 20L), () => cluster.Input(1, new SetStateCommand("busy", value)));
        }

        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, quiet, "once", 1), cluster.Now + 2_000));
        cluster.RunFor(500);
        var resent = 0;
        cluster.Stepped = (_, _, result, _) => resent += result.Effects.OfType<Send>()
            .Count(s => s.Message is StateDelta delta && delta.Owners.Any(o => o.Owner == quiet));
        cluster.RunFor(2_000); // Node 1 writes all the while: its pushes must not carry node 0's old write.

        Assert.Equal(0, resent);
        Assert.True(EveryoneHolds(cluster, cluster.NodeAt(1)!.Self, "busy", 1));
    }

    [Fact]
    public void A_key_with_a_time_to_live_is_deleted_everywhere_by_its_owner_when_it_runs_out_unless_written_again()
    {
        var cluster = Cluster(6);
        cluster.Bootstrap(6);
        var owner = cluster.NodeAt(5)!.Self;
        var writtenAt = cluster.Now;
        cluster.Input(5, new SetStateCommand("lease", Load, TimeToLiveMillis: 3_000));
        cluster.Input(5, new SetStateCommand("renewed", Load, TimeToLiveMillis: 3_000));
        cluster.Input(5, new SetStateCommand("made-permanent", Load, TimeToLiveMillis: 3_000));
        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, owner, "made-permanent", 3), cluster.Now + 2_000));

        cluster.RunFor(1_000);
        cluster.Input(5, new SetStateCommand("renewed", Load, TimeToLiveMillis: 6_000)); // Expires 6 s after this write instead.
        cluster.Input(5, new SetStateCommand("made-permanent", Load));                   // No time-to-live any more.

        Assert.True(cluster.RunUntil(() => NobodyHolds(cluster, owner, "lease"), writtenAt + 10_000));
        Assert.InRange(cluster.Now - writtenAt, 3_000, 3_500); // Gone when it ran out, not before.
        Assert.True(EveryoneHoldsValue(cluster, owner, "renewed", 4));

        Assert.True(cluster.RunUntil(() => NobodyHolds(cluster, owner, "renewed"), writtenAt + 12_000));
        Assert.InRange(cluster.Now - writtenAt, 7_000, 7_600);
        cluster.RunFor(5_000);
        Assert.True(EveryoneHoldsValue(cluster, owner, "made-permanent", 5));
    }

    [Fact]
    public void Deleting_a_key_with_a_time_to_live_cancels_its_expiry_and_a_later_write_without_one_stays()
    {
        var cluster = Cluster(3);
        cluster.Bootstrap(3);
        var owner = cluster.NodeAt(0)!.Self;
        cluster.Input(0, new SetStateCommand("lease", Load, TimeToLiveMillis: 2_000));
        cluster.Input(0, new DeleteStateCommand("lease"));
        cluster.Input(0, new SetStateCommand("lease", Load));
        cluster.RunFor(5_000);

        Assert.True(EveryoneHoldsValue(cluster, owner, "lease", 3)); // The expiry went with the deletion: no fourth version.
        Assert.Empty(cluster.NodeAt(0)!.State.KeyValue.OwnExpiries);
    }

    [Fact]
    public void In_a_small_cluster_a_write_is_one_delta_from_its_owner_to_each_peer_and_nothing_else()
    {
        var cluster = Cluster(8);
        cluster.Bootstrap(8);
        var owner = cluster.NodeAt(3)!.Self;
        var sent = new List<(UniqueAddress From, IClusterMessage Message)>();
        cluster.Stepped = (node, _, result, _) => sent.AddRange(result.Effects.OfType<Send>().Where(s => s.Message is StateDelta or StateDigest).Select(s => (node.Self, s.Message)));

        cluster.Input(3, new SetStateCommand("load", Load));
        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, owner, "load", 1), cluster.Now + 1_000));
        cluster.RunFor(3_000);

        Assert.Equal(7, sent.Count); // No forwarding, no acknowledgements, no anti-entropy afterwards.
        Assert.All(sent, s => Assert.Equal(owner, s.From));
        Assert.Equal(7, sent.Select(s => ((StateDelta)s.Message).To).Distinct().Count());
    }

    [Fact]
    public void A_lost_direct_push_is_repaired_by_anti_entropy()
    {
        var cluster = Cluster(5);
        cluster.Bootstrap(5);
        var owner = cluster.NodeAt(0)!.Self;
        cluster.Network.Block([0], [4]); // Node 4 misses the push (and everything else node 0 sends) for a moment.
        cluster.Input(0, new SetStateCommand("load", Load));
        cluster.RunFor(100);
        Assert.False(ScenarioGoals.HoldsEntry(cluster.NodeAt(4)!, owner, "load", 1));
        cluster.Network.HealAll();

        // Node 4's next periodic digest (or a peer's) shows a different summary: windows, then the delta.
        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, owner, "load", 1), cluster.Now + 5_000));
    }

    [Fact]
    public void A_node_that_keeps_writing_batches_its_pushes_and_every_peer_ends_with_the_last_write()
    {
        var cluster = Cluster(6);
        cluster.Bootstrap(6);
        var owner = cluster.NodeAt(0)!.Self;
        var start = cluster.Now;
        for (var i = 0; i < 200; i++)
        {
            var value = new StateValue(17, "D", BitConverter.GetBytes(i));
            cluster.At(start + (i * 10L), () => cluster.Input(0, new SetStateCommand("busy", value)));
        }

        var deltas = 0;
        cluster.Stepped = (node, _, result, _) => deltas += node.Self == owner ? result.Effects.OfType<Send>().Count(s => s.Message is StateDelta) : 0;
        Assert.True(cluster.RunUntil(() => EveryoneHoldsValue(cluster, owner, "busy", 200), start + 3_000));

        // 200 writes over 2 s: rounds 50, 100, then 200 ms apart, about 12 rounds of 5 peers (not 1,000 deltas).
        Assert.InRange(deltas, 5, 15 * 5);
        var delay = cluster.Now - (start + 1_990);
        Assert.InRange(delay, 0, StateGossip.MaxPushIntervalMillis + 10); // The last write waited one gap at most.
    }
}
