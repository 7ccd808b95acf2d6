using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>
/// How one message type crosses the wire: its stable manifest, the plain wire record it is
/// mapped to, and the two mappings. A new message is one entry in <see cref="WireCodecs"/>.
/// </summary>
internal sealed class WireCodec
{
    private readonly Func<IClusterMessage, object> _toWire;
    private readonly Func<object, IClusterMessage> _fromWire;

    private WireCodec(string manifest, Type messageType, Type wireType, Func<IClusterMessage, object> toWire, Func<object, IClusterMessage> fromWire)
    {
        Manifest = manifest;
        MessageType = messageType;
        WireType = wireType;
        _toWire = toWire;
        _fromWire = fromWire;
    }

    /// <summary>The short, stable name of the message on the wire; never reuse one for another message.</summary>
    public string Manifest { get; }

    public Type MessageType { get; }

    /// <summary>The wire record the format writes (several messages may share one shape).</summary>
    public Type WireType { get; }

    public static WireCodec For<TMessage, TWire>(string manifest, Func<TMessage, TWire> toWire, Func<TWire, TMessage> fromWire)
        where TMessage : IClusterMessage
        where TWire : class =>
        new(manifest, typeof(TMessage), typeof(TWire), message => toWire((TMessage)message), wire => fromWire((TWire)wire));

    public object ToWire(IClusterMessage message) => _toWire(message);

    /// <summary>The message of a decoded payload; a payload of another shape is a <see cref="WireFormatException"/>.</summary>
    public IClusterMessage FromWire(object wire) => wire.GetType() == WireType
        ? _fromWire(wire)
        : throw new WireFormatException($"Manifest '{Manifest}' does not match the payload {wire.GetType().Name}.");
}
