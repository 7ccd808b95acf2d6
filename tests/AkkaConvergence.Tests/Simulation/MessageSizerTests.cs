using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>The simulator sizes messages by shortcuts; they must give exactly what serializing gives.</summary>
public class MessageSizerTests
{
    [Fact]
    public void Sizes_computed_by_shortcut_equal_the_serialized_sizes_of_sampled_messages()
    {
        var cluster = new SimulatedCluster(new SimulationOptions { Nodes = 8, Seed = 2, MeasureBytes = false });
        var sent = new List<IClusterMessage>();
        cluster.Stepped = (_, _, result, _) => sent.AddRange(result.Effects.OfType<Send>().Select(s => s.Message));
        cluster.Bootstrap(8);
        cluster.RunFor(3_000);
        cluster.Start(8);
        cluster.Input(8, new JoinSeedNodesCommand([SimulatedCluster.AddressOf(0)]));
        cluster.RunFor(3_000);
        cluster.Crash(3);
        cluster.RunFor(8_000);

        var sizer = new MessageSizer();
        var sample = sent.Where((_, i) => i % 7 == 0).ToList();
        Assert.Contains(sample, m => m is Heartbeat);
        Assert.Contains(sample, m => m is HeartbeatResponse);
        Assert.Contains(sample, m => m is GossipEnvelope);
        Assert.Contains(sample, m => m is GossipStatus);
        Assert.All(sample, message => Assert.Equal(ClusterWireFormat.ToBytes(message).Length, sizer.SizeOf(message)));
    }
}
