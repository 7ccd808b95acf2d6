using System.Collections.Frozen;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>
/// Turns cluster messages into bytes and back through the codec table (<see cref="WireCodecs"/>):
/// a stable short manifest per message type, the message mapped to a plain wire record, and the
/// record written by <see cref="WireRecordFormat"/>, which reads exactly the record the manifest
/// names and checks every length before it allocates, so foreign or corrupt bytes can neither
/// instantiate anything else nor cost more than their own size.
/// </summary>
internal static class ClusterWireFormat
{
    private static readonly FrozenDictionary<Type, WireCodec> ByMessageType = WireCodecs.All.ToFrozenDictionary(c => c.MessageType);
    private static readonly FrozenDictionary<string, WireCodec> ByManifest = WireCodecs.All.ToFrozenDictionary(c => c.Manifest, StringComparer.Ordinal);

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

    public static void WriteTo(IClusterMessage message, Stream stream) => WireRecordFormat.Write(CodecOf(message).ToWire(message), stream);

    /// <summary>Decodes a message; anything unexpected is a <see cref="WireFormatException"/>.</summary>
    public static IClusterMessage FromBytes(string manifest, byte[] bytes) => FromBytes(manifest, bytes, 0, bytes.Length);

    /// <summary>Decodes the message in <paramref name="count"/> bytes from <paramref name="offset"/> (a frame's payload).</summary>
    public static IClusterMessage FromBytes(string manifest, byte[] bytes, int offset, int count)
    {
        if (!ByManifest.TryGetValue(manifest, out var codec))
        {
            throw new WireFormatException($"Unknown manifest '{manifest}' ({count} bytes).");
        }

        object wire;
        try
        {
            wire = WireRecordFormat.Read(codec.WireType, bytes.AsSpan(offset, count));
        }
        catch (WireFormatException e)
        {
            throw new WireFormatException($"Undecodable cluster message (manifest '{manifest}', {count} bytes): {e.Message}", e);
        }

        try
        {
            return codec.FromWire(wire);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or NullReferenceException or FormatException or OverflowException)
        {
            throw new WireFormatException($"Invalid cluster message (manifest '{manifest}'): {e.Message}", e);
        }
    }

    private static WireCodec CodecOf(IClusterMessage message) =>
        ByMessageType.TryGetValue(message.GetType(), out var codec)
            ? codec
            : throw new ArgumentException($"{message.GetType().Name} has no entry in the codec table.", nameof(message));
}
