using Akka.Actor;
using Akka.Serialization;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>
/// The Akka serializer for every cross-node convergence message: stable string manifests over
/// <see cref="ClusterWireFormat"/>, delivered as <see cref="Inbound"/> (with this process's
/// <see cref="LocalProof"/>). Bytes that do not decode are counted and rejected with a
/// <see cref="System.Runtime.Serialization.SerializationException"/>, which Akka.Remote logs and
/// drops; the node keeps working.
/// </summary>
internal sealed class ConvergenceSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer id, also in reference.conf (Akka reserves 0-40 for itself).</summary>
    public const int Id = 917;

    private long _rejected;

    public ConvergenceSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    public override int Identifier => Id;

    /// <summary>How many payloads failed to decode since start.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    public override byte[] ToBinary(object obj) => obj is IClusterMessage message
        ? ClusterWireFormat.ToBytes(message)
        : throw new ArgumentException($"Cannot serialize {obj.GetType()}: not a convergence message.", nameof(obj));

    public override string Manifest(object o) => o is IClusterMessage message
        ? ClusterWireFormat.ManifestOf(message)
        : throw new ArgumentException($"No manifest for {o.GetType()}: not a convergence message.", nameof(o));

    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return new Inbound(ClusterWireFormat.FromBytes(manifest, bytes), LocalProof.Instance);
        }
        catch (WireFormatException e)
        {
            Interlocked.Increment(ref _rejected);
            throw new System.Runtime.Serialization.SerializationException(e.Message, e);
        }
    }
}
