using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Event;
using AkkaConvergence.Diagnostics;
using AkkaConvergence.KeyValue;

namespace AkkaConvergence;

/// <summary>
/// Values to and from their gossiped form with the ActorSystem's own serialization (serializer id,
/// manifest, bytes), so users' serializers apply. Decoded values are cached per gossiped value;
/// a value that cannot be decoded is logged once, counted and skipped by every read.
/// </summary>
internal sealed class GossipValueCodec(ActorSystem system, ILoggingAdapter log, ConvergenceMeter meter)
{
    private static readonly object Undecodable = new();
    private readonly ConditionalWeakTable<StateValue, object> _decoded = new();

    public StateValue Encode(object value)
    {
        var serializer = system.Serialization.FindSerializerFor(value);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, value);
        return new StateValue(serializer.Identifier, manifest, serializer.ToBinary(value));
    }

    public bool TryDecode(UniqueAddress owner, string key, StateValue value, out object decoded)
    {
        decoded = _decoded.GetValue(value, v => Decode(owner, key, v));
        return !ReferenceEquals(decoded, Undecodable);
    }

    private object Decode(UniqueAddress owner, string key, StateValue value)
    {
        try
        {
            return system.Serialization.Deserialize(value.Bytes.ToArray(), value.SerializerId, value.Manifest);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            meter.StateUndecodable();
            log.Warning(
                "Convergence: the value of {0} under key '{1}' (serializer {2}, manifest '{3}', {4} bytes) cannot be deserialized here and is skipped: {5}",
                owner,
                key,
                value.SerializerId,
                value.Manifest,
                value.Length,
                error.Message);
            return Undecodable;
        }
    }
}
