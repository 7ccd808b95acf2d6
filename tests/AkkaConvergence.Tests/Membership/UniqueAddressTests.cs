using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Membership;

public class UniqueAddressTests
{
    [Fact]
    public void Equality_needs_both_address_and_uid()
    {
        Assert.Equal(Node("a", uid: 1), Node("a", uid: 1));
        Assert.NotEqual(Node("a", uid: 1), Node("a", uid: 2));
        Assert.NotEqual(Node("a", uid: 1), Node("b", uid: 1));
        Assert.True(Node("a", uid: 1) == Node("a", uid: 1));
        Assert.True(Node("a", uid: 1) != Node("a", uid: 2));
    }

    [Fact]
    public void Orders_by_host_ordinally_then_port_then_uid()
    {
        var ordered = new[]
        {
            Node("a", uid: 5, port: 1000),
            Node("a", uid: 1, port: 2000),
            Node("a", uid: 2, port: 2000),
            Node("b", uid: 0),
            Node("b", uid: 9),
        };

        var shuffled = new[] { ordered[3], ordered[0], ordered[4], ordered[2], ordered[1] };

        Assert.Equal(ordered, shuffled.Order());
    }

    [Fact]
    public void A_restarted_node_gets_a_fresh_vector_clock_entry()
    {
        var first = Node("a", uid: 1);
        var restarted = Node("a", uid: 2);

        Assert.NotEqual(first.ClockNodeId, restarted.ClockNodeId);
        Assert.Equal(first.ClockNodeId, Node("a", uid: 1).ClockNodeId);
        Assert.Equal(16, first.ClockNodeId.Length);
    }

    [Fact]
    public void Prints_address_and_uid()
    {
        Assert.Equal("akka.tcp://sys@a:2552#7", Node("a", uid: 7).ToString());
    }
}
