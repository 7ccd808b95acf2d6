using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Simulation;

/// <summary>
/// How many parts a real node would cut a message into under <c>max-message-size</c>, and the
/// size of each, from the message's measured size (<see cref="FrameSplitter"/>'s arithmetic). The
/// simulator does not compress, so it cuts whole memberships from about 1,800 members where a
/// real node, whose frame is compressed about 3x, cuts them from about 5,000: its figures for
/// parts are the conservative ones.
/// </summary>
internal sealed class SimulatedParts
{
    private readonly int _maxMessageBytes;
    private readonly Dictionary<string, (int BytesPerPart, int HeaderBytes)> _byManifest = new(StringComparer.Ordinal);

    public SimulatedParts(int maxMessageBytes) => _maxMessageBytes = maxMessageBytes;

    /// <summary>The parts of a message of <paramref name="size"/> payload bytes: one (itself) when it fits or cannot grow with the membership.</summary>
    public (int Count, int BytesEach, int LastBytes) Of(IClusterMessage message, int size)
    {
        if (size <= _maxMessageBytes || !FrameSplitter.CanOutgrowAFrame(message))
        {
            return (1, size, size);
        }

        var manifest = ClusterWireFormat.ManifestOf(message);
        if (!_byManifest.TryGetValue(manifest, out var shape))
        {
            var from = message switch
            {
                Welcome welcome => welcome.From,
                GossipEnvelope envelope => envelope.From,
                GossipDeltaEnvelope delta => delta.From,
                GossipStatus status => status.From,
                _ => throw new ArgumentException($"{message.GetType().Name} is not sent in parts.", nameof(message)),
            };
            var header = ClusterWireFormat.ToBytes(new WirePart(from, long.MaxValue, FrameSplitter.MaxParts - 1, FrameSplitter.MaxParts, manifest, [])).Length;
            shape = (FrameSplitter.BytesPerPart(_maxMessageBytes, WireFrame.Unlabelled.OverheadOf("WP"), from, manifest), header);
            _byManifest[manifest] = shape;
        }

        var frame = size + WireFrame.Unlabelled.OverheadOf(manifest);
        var count = (frame + shape.BytesPerPart - 1) / shape.BytesPerPart;
        return (count, PartSize(shape.HeaderBytes, shape.BytesPerPart), PartSize(shape.HeaderBytes, frame - ((count - 1) * shape.BytesPerPart)));
    }

    /// <summary>A part's payload: the header of an empty part (whose bytes' length took one byte) and <paramref name="bytes"/> with their 7-bit length.</summary>
    private static int PartSize(int emptyPartBytes, int bytes) => emptyPartBytes - 1 + WireRecordFormat.LengthPrefixBytes(bytes) + bytes;
}
