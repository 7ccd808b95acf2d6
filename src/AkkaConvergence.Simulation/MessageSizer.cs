using System.Runtime.CompilerServices;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Simulation;

/// <summary>
/// Counts the bytes a message takes with the real wire format (Hyperion over the wire records).
/// Gossip messages are sized once per gossip instance: every node address in the simulator has
/// the same width, so the size does not depend on sender or recipient.
/// </summary>
internal sealed class MessageSizer
{
    private readonly ConditionalWeakTable<Gossip, StrongBox<int>> _gossipMessageSizes = new();
    private readonly ConditionalWeakTable<VectorClock, StrongBox<int>> _statusSizes = new();

    public int SizeOf(IClusterMessage message) => message switch
    {
        GossipEnvelope envelope => _gossipMessageSizes.GetValue(envelope.Gossip, _ => new StrongBox<int>(Measure(message))).Value,
        GossipStatus status => _statusSizes.GetValue(status.Version, _ => new StrongBox<int>(Measure(message))).Value,
        _ => Measure(message),
    };

    private static int Measure(IClusterMessage message) => ClusterWireFormat.ToBytes(message).Length;
}
