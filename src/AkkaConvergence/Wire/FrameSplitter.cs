using System.Collections.Immutable;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Wire;

/// <summary>
/// Cuts a sealed frame larger than <c>max-message-size</c> into <see cref="WirePart"/>s that each
/// fit it, so no message of any membership size is larger than the bound (Akka.Remote's default
/// frame is 128,000 bytes; a compressed membership of 10,000 is about 110-140 KB). Pure: the
/// same frame, sender and transfer number always give the same parts.
/// </summary>
internal static class FrameSplitter
{
    /// <summary>The most parts one frame may have: 16 MiB (the largest payload) in parts of 8 KiB.</summary>
    public const int MaxParts = 2048;

    /// <summary>
    /// The messages whose size grows with the membership: the shell seals them itself and sends
    /// the frame whole or in parts. Everything else is a few hundred bytes at any size.
    /// </summary>
    public static bool CanOutgrowAFrame(IClusterMessage message) =>
        message is Welcome or GossipEnvelope or GossipDeltaEnvelope or GossipStatus;

    /// <summary>
    /// How many bytes of a frame one part carries so the part's own frame (under
    /// <paramref name="partOverheadBytes"/>, the frame's bytes around a "WP" payload) stays within
    /// <paramref name="maxMessageBytes"/>.
    /// </summary>
    public static int BytesPerPart(int maxMessageBytes, int partOverheadBytes, UniqueAddress from, string manifest)
    {
        // Numbers are written at fixed width, so an empty part measures every part's header; the
        // length of its bytes adds at most 4 (a 7-bit varint of up to 2^28).
        var header = ClusterWireFormat.ToBytes(new WirePart(from, long.MaxValue, MaxParts - 1, MaxParts, manifest, [])).Length + 4;
        var room = maxMessageBytes - partOverheadBytes - header;
        return room >= 1024
            ? room
            : throw new ArgumentOutOfRangeException(nameof(maxMessageBytes), maxMessageBytes, "too small to carry a part of a frame");
    }

    /// <summary>The parts of <paramref name="frame"/>, each of at most <paramref name="bytesPerPart"/> of its bytes.</summary>
    /// <exception cref="ArgumentException">The frame would need more than <see cref="MaxParts"/> parts.</exception>
    public static ImmutableArray<WirePart> Split(UniqueAddress from, long transfer, string manifest, byte[] frame, int bytesPerPart)
    {
        var count = (int)((frame.LongLength + bytesPerPart - 1) / bytesPerPart);
        if (count is 0 or > MaxParts)
        {
            throw new ArgumentException($"A frame of {frame.Length} bytes cannot be sent in 1-{MaxParts} parts of {bytesPerPart} bytes.", nameof(frame));
        }

        var parts = ImmutableArray.CreateBuilder<WirePart>(count);
        for (var index = 0; index < count; index++)
        {
            var start = index * bytesPerPart;
            parts.Add(new WirePart(from, transfer, index, count, manifest, frame[start..Math.Min(frame.Length, start + bytesPerPart)]));
        }

        return parts.MoveToImmutable();
    }

    /// <summary>A decoded part, or an <see cref="ArgumentException"/> naming what does not hold (the codec reports it as undecodable).</summary>
    public static WirePart Validated(WirePart part)
    {
        if (part.Count is < 1 or > MaxParts || part.Index < 0 || part.Index >= part.Count)
        {
            throw new ArgumentException($"part {part.Index} of {part.Count}: parts are numbered 0 to count - 1, count 1-{MaxParts}");
        }

        if (part.Manifest.Length is 0 or > byte.MaxValue || part.Bytes.Length == 0)
        {
            throw new ArgumentException("a part names the manifest of its message and carries at least one byte");
        }

        return part;
    }
}
