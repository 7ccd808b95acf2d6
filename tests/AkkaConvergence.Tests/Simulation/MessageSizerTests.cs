using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>The simulator sizes messages by shortcuts; they must give exactly what serializing gives.</summary>
public class MessageSizerTests
{
    [Theory]
    [InlineData("lifeguard")]
    [InlineData("phi-accrual")]
    public void Sizes_computed_by_shortcut_equal_the_serialized_sizes_of_sampled_messages(string detector)
    {
        var cluster = new SimulatedCluster(new SimulationOptions { Nodes = 8, Seed = 2, MeasureBytes = false, Configuration = $"akka.convergence.failure-detector.kind = {detector}" });
        var sent = new List<IClusterMessage>();
        cluster.Stepped = (_, _, result, _) => sent.AddRange(result.Effects.OfType<Send>().Select(s => s.Message));
        cluster.Bootstrap(8);
        cluster.RunFor(3_000);
        cluster.Start(8);
        cluster.Input(8, new JoinSeedNodesCommand([SimulatedCluster.AddressOf(0)]));
        cluster.RunFor(3_000);
        cluster.Crash(3);
        cluster.RunFor(8_000);

        // Full gossips are rare now (a joiner's pushes went whole): one of each node's view too.
        var views = Enumerable.Range(0, 9).Where(i => i != 3).Select(i => cluster.NodeAt(i)!.State).ToList();
        sent.AddRange(views.Select((v, i) => new GossipEnvelope(v.Self, views[(i + 1) % views.Count].Self, v.Gossip)));
        var sizer = new MessageSizer();
        var sample = sent.Where((message, i) => i % 7 == 0 || message is GossipEnvelope or Suspect or Refute or PingRequest).ToList(); // Every one of the rare kinds.
        Assert.Contains(sample, m => m is Heartbeat or Ping);
        Assert.Contains(sample, m => m is HeartbeatResponse or ProbeReply);
        Assert.Contains(sample, m => m is GossipEnvelope);
        Assert.Contains(sample, m => m is GossipStatus);
        Assert.All(sample, message => Assert.Equal(ClusterWireFormat.ToBytes(message).Length, sizer.SizeOf(message)));
    }
}
