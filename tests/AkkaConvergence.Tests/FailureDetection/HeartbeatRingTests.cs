using AkkaConvergence.FailureDetection;
using AkkaConvergence.Membership;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.FailureDetection;

public class HeartbeatRingTests
{
    private static readonly UniqueAddress[] Nodes = Enumerable.Range(1, 12).Select(i => Node($"h{i}", uid: (i * 7919) % 101)).ToArray();
    private static readonly List<UniqueAddress> Ring = [.. Nodes.OrderBy(n => n.Uid)];

    private static Gossip AllUp(IEnumerable<UniqueAddress> nodes) => TestGossips.Of(nodes.Select((n, i) => TestMembers.Up(n, i + 1)).ToArray());

    [Fact]
    public void Each_node_monitors_the_next_k_nodes_on_the_uid_ring()
    {
        var receivers = HeartbeatRing.ReceiversOf(Ring[9], AllUp(Nodes), 5);

        Assert.Equal([Ring[10], Ring[11], Ring[0], Ring[1], Ring[2]], receivers.ToArray());
    }

    [Fact]
    public void Every_node_is_monitored_by_exactly_k_others()
    {
        var gossip = AllUp(Nodes);
        var monitors = Nodes.SelectMany(n => HeartbeatRing.ReceiversOf(n, gossip, 5)).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(Nodes, n => Assert.Equal(5, monitors[n]));
    }

    [Fact]
    public void In_a_small_cluster_everyone_else_is_monitored()
    {
        var receivers = HeartbeatRing.ReceiversOf(Nodes[0], AllUp(Nodes.Take(3)), 5);

        Assert.Equal(Nodes.Skip(1).Take(2).ToHashSet(), receivers.ToHashSet());
    }

    [Fact]
    public void Down_exiting_and_unreachable_members_do_not_use_up_a_place_so_k_live_ones_stay_watched()
    {
        var gossip = AllUp(Nodes);
        gossip = gossip.MarkAsDown(gossip.GetMember(Ring[10]))
            .Update(gossip.GetMember(Ring[11]).WithStatus(MemberStatus.Leaving).WithStatus(MemberStatus.Exiting))
            .WithReachability(Reachability.Empty.Unreachable(Ring[3], Ring[0]));

        var receivers = HeartbeatRing.ReceiversOf(Ring[9], gossip, 3);

        // The three it passes are still watched (until they are gone), and three live ones besides.
        Assert.Equal([Ring[10], Ring[11], Ring[0], Ring[1], Ring[2], Ring[3]], receivers.ToArray());
    }

    [Fact]
    public void A_run_of_more_than_k_down_members_is_watched_to_its_end_so_each_can_be_seen_unreachable_and_removed()
    {
        var gossip = AllUp(Nodes);
        foreach (var node in Ring.Skip(2).Take(4))
        {
            gossip = gossip.MarkAsDown(gossip.GetMember(node));
        }

        var watched = Ring.Where(n => gossip.GetMember(n).Status == MemberStatus.Up)
            .SelectMany(n => HeartbeatRing.ReceiversOf(n, gossip, 3))
            .ToHashSet();

        Assert.All(Ring.Skip(2).Take(4), down => Assert.Contains(down, watched));
        Assert.Equal(4, Ring.Skip(2).Take(4).Count(down => HeartbeatRing.ReceiversOf(Ring[1], gossip, 3).Contains(down)));
    }

    [Fact]
    public void Members_this_node_marks_unreachable_stay_monitored_wherever_they_are_on_the_ring()
    {
        var gossip = AllUp(Nodes).WithReachability(Reachability.Empty.Unreachable(Ring[9], Ring[5]));

        var receivers = HeartbeatRing.ReceiversOf(Ring[9], gossip, 2);

        Assert.Equal([Ring[10], Ring[11], Ring[5]], receivers.ToArray());
    }

    [Fact]
    public void When_all_others_stop_together_the_survivor_ends_up_watching_every_one_of_them()
    {
        var six = Ring.Take(6).ToList();
        var survivor = six[0];
        var gossip = AllUp(six);
        for (var round = 0; round < 6; round++)
        {
            // Each reap the survivor accuses what it monitors; the ring then moves on past them.
            var accused = HeartbeatRing.ReceiversOf(survivor, gossip, 2)
                .Aggregate(gossip.Reachability, (r, n) => r.Unreachable(survivor, n));
            gossip = gossip.WithReachability(accused);
        }

        Assert.Equal(six.Skip(1).ToHashSet(), gossip.Reachability.AllUnreachableOrTerminatedFrom(survivor).ToHashSet());
    }
}
