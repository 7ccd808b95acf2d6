using Akka.Actor;
using Akka.Serialization;
using AkkaConvergence.Diagnostics;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>
/// The Akka serializer for every cross-node convergence message: stable string manifests over
/// <see cref="ClusterWireFormat"/>, each payload in a <see cref="WireFrame"/> (cluster label,
/// signature). A peer's message is delivered as <see cref="Inbound"/> (with this process's
/// <see cref="LocalProof"/>); bytes that are refused (undecodable, another cluster's, unsigned or
/// wrongly signed) are delivered as a <see cref="RefusedInbound"/> instead, which the recipient
/// counts and logs rate-limited, rather than thrown for Akka.Remote to log one error per message.
/// </summary>
internal sealed class ConvergenceSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id, also in reference.conf (Akka reserves 0-40 for itself).</summary>
    public const int Id = 917;

    private readonly WireFrame _frame;
    private readonly ConvergenceMeter? _meter;

    /// <summary>
    /// The constructor Akka calls when it builds serializers from configuration (reference.conf
    /// binds this type): the frame and meter are the ones the node's extension registered.
    /// </summary>
    public ConvergenceSerializer(ExtendedActorSystem system)
        : this(system, SerializerParts.Of(system).Frame, SerializerParts.Of(system).Meter)
    {
    }

    /// <param name="system">The ActorSystem.</param>
    /// <param name="frame">Label and signing of every payload.</param>
    /// <param name="meter">Counts messages and bytes in and out by kind (none in tools and tests that only encode).</param>
    public ConvergenceSerializer(ExtendedActorSystem system, WireFrame frame, ConvergenceMeter? meter = null)
        : base(system)
    {
        _frame = frame;
        _meter = meter;
    }

    public override int Identifier => Id;

    public override byte[] ToBinary(object obj)
    {
        if (obj is SealedFrame sealedFrame)
        {
            _meter?.MessageSent(sealedFrame.Manifest, sealedFrame.Frame.Length);
            return sealedFrame.Frame;
        }

        if (obj is not IClusterMessage message)
        {
            throw new ArgumentException($"Cannot serialize {obj.GetType()}: not a convergence message.", nameof(obj));
        }

        var manifest = ClusterWireFormat.ManifestOf(message);
        // A part carries bytes of a frame already compressed where that helped: compressing again only costs time.
        var bytes = _frame.Seal(manifest, stream => ClusterWireFormat.WriteTo(message, stream), compress: message is not WirePart);
        _meter?.MessageSent(manifest, bytes.Length);
        return bytes;
    }

    public override string Manifest(object o) => o switch
    {
        SealedFrame sealedFrame => sealedFrame.Manifest,
        IClusterMessage message => ClusterWireFormat.ManifestOf(message),
        _ => throw new ArgumentException($"No manifest for {o.GetType()}: not a convergence message.", nameof(o)),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        manifest ??= string.Empty; // Akka.Remote passes null for an envelope without one; no convergence message has none.
        _meter?.MessageReceived(manifest, bytes.Length);
        return InboundDecoding.Decode(_frame, manifest, bytes);
    }
}
