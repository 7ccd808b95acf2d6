using AkkaConvergence.FailureDetection;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.FailureDetection;

public class HeartbeatRingTests
{
    private static readonly UniqueAddress[] Nodes = Enumerable.Range(1, 12).Select(i => Node($"h{i}", uid: (i * 7919) % 101)).ToArray();

    [Fact]
    public void Each_node_monitors_the_next_k_nodes_on_the_uid_ring()
    {
        var ring = Nodes.OrderBy(n => n.Uid).ToList();
        var self = ring[9];

        var receivers = HeartbeatRing.ReceiversOf(self, Nodes, 5);

        Assert.Equal([ring[10], ring[11], ring[0], ring[1], ring[2]], receivers.ToArray());
    }

    [Fact]
    public void Every_node_is_monitored_by_exactly_k_others()
    {
        var monitors = Nodes.SelectMany(n => HeartbeatRing.ReceiversOf(n, Nodes, 5)).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(Nodes, n => Assert.Equal(5, monitors[n]));
    }

    [Fact]
    public void In_a_small_cluster_everyone_else_is_monitored()
    {
        var receivers = HeartbeatRing.ReceiversOf(Nodes[0], Nodes.Take(3), 5);

        Assert.Equal(Nodes.Skip(1).Take(2).ToHashSet(), receivers.ToHashSet());
    }
}
