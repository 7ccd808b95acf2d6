using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>What a part handed to <see cref="LargeMessages.Take"/> came to: the message of a completed frame (an <see cref="Inbound"/> or a <see cref="RefusedInbound"/>), if any, and the frames given up.</summary>
internal readonly record struct PartIntake(PartOutcome Outcome, object? Delivered, int Abandoned);

/// <summary>
/// The shell's side of <c>max-message-size</c>: it seals each message that can grow with the
/// membership itself, sends the frame whole when it fits and in <see cref="WirePart"/>s when it
/// does not, and puts arriving parts back together. Holds the assembly state of one node (the
/// rules are <see cref="FrameSplitter"/> and <see cref="PartAssembly"/>); one actor uses it.
/// </summary>
internal sealed class LargeMessages
{
    private readonly WireFrame _frame;
    private readonly UniqueAddress _self;
    private readonly int _maxMessageBytes;
    private readonly Dictionary<string, int> _bytesPerPart = new(StringComparer.Ordinal);
    private PartAssembly _assembly = PartAssembly.Empty;
    private long _nextTransfer;

    public LargeMessages(WireFrame frame, UniqueAddress self, int maxMessageBytes)
    {
        _frame = frame;
        _self = self;
        _maxMessageBytes = maxMessageBytes;
    }

    /// <summary>The unfinished frames held (for tests and diagnostics).</summary>
    public PartAssembly Assembly => _assembly;

    /// <summary>What to hand to the transport for <paramref name="message"/>: the message itself, its sealed frame, or the frame's parts in order.</summary>
    public IReadOnlyList<object> ToSend(IClusterMessage message)
    {
        if (!FrameSplitter.CanOutgrowAFrame(message))
        {
            return [message];
        }

        var manifest = ClusterWireFormat.ManifestOf(message);
        var frame = _frame.Seal(manifest, stream => ClusterWireFormat.WriteTo(message, stream));
        if (frame.Length <= _maxMessageBytes)
        {
            return [new SealedFrame(manifest, frame)];
        }

        return FrameSplitter.Split(_self, ++_nextTransfer, manifest, frame, BytesPerPart(manifest));
    }

    /// <summary>Takes a part from a peer; the last part of a frame opens and decodes it as the serializer would.</summary>
    public PartIntake Take(WirePart part, long nowMillis)
    {
        var step = _assembly.Add(part, nowMillis);
        _assembly = step.Next;
        var delivered = step is { Outcome: PartOutcome.Completed, Frame: { } frame, Manifest: { } manifest }
            ? InboundDecoding.Decode(_frame, manifest, frame)
            : null;
        return new PartIntake(step.Outcome, delivered, step.Abandoned);
    }

    private int BytesPerPart(string manifest)
    {
        if (!_bytesPerPart.TryGetValue(manifest, out var bytes))
        {
            bytes = FrameSplitter.BytesPerPart(_maxMessageBytes, _frame.OverheadOf("WP"), _self, manifest);
            _bytesPerPart[manifest] = bytes;
        }

        return bytes;
    }
}
