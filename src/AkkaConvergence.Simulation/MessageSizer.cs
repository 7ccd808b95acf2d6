using System.Runtime.CompilerServices;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Simulation;

/// <summary>
/// Counts the bytes a message takes with the real wire format (the payload of the wire records; the frame's 5-6 bytes are not counted).
/// Every node holds its own copy of a version that differs only in its seen-set, so gossip
/// messages are measured once per version with an empty seen-set, plus the seen-set's exact
/// share (one 4-byte index per entry). All simulated addresses have the same width and numbers are
/// written at fixed width, so sizes do not depend on sender or recipient, and a failure-detection message
/// (heartbeat, probe, suspicion) always has the size of the first one of its type measured. A test checks these shortcuts against
/// serializing sampled messages.
/// </summary>
internal sealed class MessageSizer
{
    private const int BytesPerSeenEntry = sizeof(int);

    private readonly ConditionalWeakTable<VectorClock, StrongBox<int>> _unseenGossipSizes = new();
    private int _statusSizeWithoutSeen = -1;
    private readonly Dictionary<Type, int> _fixedSizes = [];

    public int SizeOf(IClusterMessage message) => message switch
    {
        GossipEnvelope envelope => GossipSize(envelope) + (BytesPerSeenEntry * envelope.Gossip.Seen.Count),
        GossipDeltaEnvelope => Measure(message), // Small, and its seen-set's encoding depends on its values: measured each time.
        GossipStatus status => StatusSize(status),
        Heartbeat or HeartbeatResponse or Ping or PingRequest or ProbeReply or Suspect or Refute or VersionFingerprint => FixedSize(message),
        _ => Measure(message),
    };

    private int GossipSize(GossipEnvelope envelope) =>
        _unseenGossipSizes.GetValue(
            envelope.Gossip.Version,
            _ => new StrongBox<int>(Measure(envelope with { Gossip = envelope.Gossip.ClearSeen() }))).Value;

    /// <summary>
    /// Measured once without a seen-set (a status is addresses and fixed-width numbers, its clock a
    /// fingerprint), plus the seen-set's exact share (as indexes or bits, whichever the wire chooses).
    /// </summary>
    private int StatusSize(GossipStatus status)
    {
        if (_statusSizeWithoutSeen < 0)
        {
            _statusSizeWithoutSeen = Measure(status with { Seen = new SeenDigest(status.Seen.MemberCount, [.. new ulong[status.Seen.Bits.Length]]) });
        }

        return _statusSizeWithoutSeen + SeenWire.ExtraBytes(status.Seen);
    }

    /// <summary>Messages of only addresses and fixed-width numbers: one size per type.</summary>
    private int FixedSize(IClusterMessage message)
    {
        if (!_fixedSizes.TryGetValue(message.GetType(), out var size))
        {
            size = Measure(message);
            _fixedSizes[message.GetType()] = size;
        }

        return size;
    }

    private static int Measure(IClusterMessage message) => ClusterWireFormat.ToBytes(message).Length;
}
