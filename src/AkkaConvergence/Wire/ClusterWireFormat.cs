using System.Collections.Frozen;
using System.Reflection;
using AkkaConvergence.Protocol;
using Hyperion;

namespace AkkaConvergence.Wire;

/// <summary>
/// Turns cluster messages into bytes and back through the codec table (<see cref="WireCodecs"/>):
/// a stable short manifest per message type, the message mapped to a plain wire record, and
/// Hyperion restricted to exactly the record types the table names (an allow-list), so foreign
/// or corrupt bytes can never instantiate anything else.
/// </summary>
internal static class ClusterWireFormat
{
    private static readonly FrozenDictionary<Type, WireCodec> ByMessageType = WireCodecs.All.ToFrozenDictionary(c => c.MessageType);
    private static readonly FrozenDictionary<string, WireCodec> ByManifest = WireCodecs.All.ToFrozenDictionary(c => c.Manifest, StringComparer.Ordinal);

    /// <summary>The wire records of the table and every record type they contain.</summary>
    private static readonly Type[] WireTypes = WireRecordTypes();

    private static readonly Serializer Hyperion = new(new SerializerOptions(
        versionTolerance: false,
        preserveObjectReferences: false,
        surrogates: null,
        serializerFactories: null,
        knownTypes: WireTypes,
        ignoreISerializable: true,
        packageNameOverrides: null,
        disallowUnsafeTypes: true,
        typeFilter: new WireTypeAllowList(WireTypes)));

    /// <summary>Every manifest in use.</summary>
    public static IEnumerable<string> Manifests => WireCodecs.All.Select(c => c.Manifest);

    public static string ManifestOf(IClusterMessage message) => CodecOf(message).Manifest;

    /// <summary>The payload alone (no <see cref="WireFrame"/>): what the simulator and the size tests measure.</summary>
    public static byte[] ToBytes(IClusterMessage message)
    {
        using var stream = new MemoryStream();
        WriteTo(message, stream);
        return stream.ToArray();
    }

    public static void WriteTo(IClusterMessage message, Stream stream) => Hyperion.Serialize(CodecOf(message).ToWire(message), stream);

    /// <summary>Decodes a message; anything unexpected is a <see cref="WireFormatException"/>.</summary>
    public static IClusterMessage FromBytes(string manifest, byte[] bytes) => FromBytes(manifest, bytes, 0, bytes.Length);

    /// <summary>Decodes the message in <paramref name="count"/> bytes from <paramref name="offset"/> (a frame's payload).</summary>
    public static IClusterMessage FromBytes(string manifest, byte[] bytes, int offset, int count)
    {
        if (!ByManifest.TryGetValue(manifest, out var codec))
        {
            throw new WireFormatException($"Unknown manifest '{manifest}' ({count} bytes).");
        }

        object? wire;
        try
        {
            using var stream = new MemoryStream(bytes, offset, count, writable: false);
            wire = Hyperion.Deserialize(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WireFormatException($"Undecodable cluster message (manifest '{manifest}', {count} bytes): {e.Message}", e);
        }

        if (wire is null)
        {
            throw new WireFormatException($"Manifest '{manifest}' carries no payload.");
        }

        try
        {
            return codec.FromWire(wire);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or NullReferenceException or FormatException)
        {
            throw new WireFormatException($"Invalid cluster message (manifest '{manifest}'): {e.Message}", e);
        }
    }

    private static WireCodec CodecOf(IClusterMessage message) =>
        ByMessageType.TryGetValue(message.GetType(), out var codec)
            ? codec
            : throw new ArgumentException($"{message.GetType().Name} has no entry in the codec table.", nameof(message));

    private static Type[] WireRecordTypes()
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>(WireCodecs.All.Select(c => c.WireType));
        while (pending.TryPop(out var type))
        {
            if (type.Namespace != typeof(WireCodec).Namespace || !found.Add(type))
            {
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                pending.Push(field.FieldType.IsArray ? field.FieldType.GetElementType()! : field.FieldType);
            }
        }

        return [.. found.OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }
}
