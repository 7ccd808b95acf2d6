using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace AkkaConvergence.Wire;

/// <summary>
/// The frame around every convergence payload: who it is for and, with a keyring, who made it.
/// <code>
/// version (1) | flags (bit 0: signed, bit 1: payload Brotli-compressed) | manifest length, manifest | label length, label | payload | [HMAC-SHA256, 32 bytes]
/// </code>
/// A payload of at least <see cref="CompressAboveBytes"/> (a full gossip of about 100 members or
/// more) is compressed when that makes it smaller: about 2.9x for a gossip of 1,000 or 10,000
/// members with random uids, so a real node can send the gossip of a membership some 3x larger
/// within Akka.Remote's 128,000-byte frame. The signature covers the compressed bytes, so a
/// signed frame is verified before anything is decompressed, and decompression stops at
/// <see cref="MaxPayloadBytes"/>: a small frame cannot make a node allocate without bound.
/// The manifest is repeated inside the frame so the signature covers it: signed bytes cannot be
/// replayed as another message type. The label keeps two clusters apart that reuse hosts, ports
/// and system names (after a redeploy, in tests); the signature keeps out anyone without a key.
/// The first key signs and every key verifies, as memberlist's keyring, so keys rotate without
/// downtime. A node without keys ignores signatures (it authenticates nothing), which is what lets
/// authentication be switched on in a running cluster. Replay of a captured signed frame is not
/// prevented (nor by memberlist); the protocol's messages are idempotent merges, and TLS is the
/// answer for an attacker who can record traffic.
/// </summary>
internal sealed class WireFrame
{
    /// <summary>The frame layout this build writes and reads; anything else is refused as undecodable.</summary>
    /// <remarks>
    /// 2: Join carries the settings the cluster must share, and JoinRefused exists. 3: the
    /// key/value messages, and GossipStatus carries the key/value summary. 4: the periodic round
    /// between nodes that have seen the version is a VersionFingerprint ("GF"). 5: new versions
    /// travel as GossipDeltaEnvelope ("GD") to members that hold an earlier one. 6: a seen-set
    /// may travel as the members that have not seen (SeenWire.AllBut), and a frame too large
    /// for one message travels as WirePart ("WP") messages. 7: a GossipStatus carries the
    /// fingerprint of the sender's clock instead of the clock, and seen bits travel from their first
    /// set word (a status carries at most a window of them).
    /// </remarks>
    public const byte FormatVersion = 7;

    /// <summary>An HMAC-SHA256 tag.</summary>
    public const int SignatureBytes = 32;

    /// <summary>Payloads from this size are compressed (below it, Brotli saves little and costs a few microseconds).</summary>
    public const int CompressAboveBytes = 4 * 1024;

    /// <summary>The most a compressed payload may decompress to: 16 MiB, a gossip of about 400,000 members.</summary>
    public const int MaxPayloadBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Brotli quality 1 (about 150 us for a gossip of 1,000 members); a result still above this is
    /// compressed again at quality 4, 20% smaller and 2-3x slower, to stay within a frame.
    /// </summary>
    private const int RecompressAboveBytes = 64 * 1024;

    private const byte SignedFlag = 1;
    private const byte CompressedFlag = 2;
    private const int MaxLabelShown = 64;

    private readonly byte[] _label;
    private readonly ImmutableArray<ImmutableArray<byte>> _keys;
    private readonly bool _requireSignature;

    public WireFrame(string label, AuthenticationSettings authentication)
    {
        _label = Encoding.UTF8.GetBytes(label);
        if (_label.Length > byte.MaxValue)
        {
            throw new ArgumentException("A cluster label is at most 255 UTF-8 bytes.", nameof(label));
        }

        _keys = authentication.Keys;
        _requireSignature = authentication.RequireSignature;
    }

    /// <summary>No label, no keys: the reference configuration.</summary>
    public static WireFrame Unlabelled { get; } = new(string.Empty, AuthenticationSettings.Off);

    /// <summary>The bytes the frame adds to a payload under <paramref name="manifest"/>.</summary>
    public int OverheadOf(string manifest) => 4 + Encoding.UTF8.GetByteCount(manifest) + _label.Length + (_keys.IsEmpty ? 0 : SignatureBytes);

    /// <summary>Frames the payload <paramref name="writePayload"/> writes, signed with the primary key if there is one.</summary>
    /// <param name="manifest">The manifest the frame travels under.</param>
    /// <param name="writePayload">Writes the payload.</param>
    /// <param name="compress">Whether a large payload may be compressed (not the parts of a frame, which already is).</param>
    public byte[] Seal(string manifest, Action<Stream> writePayload, bool compress = true)
    {
        var manifestBytes = Encoding.UTF8.GetBytes(manifest);
        if (manifestBytes.Length is 0 or > byte.MaxValue)
        {
            throw new ArgumentException($"Manifest '{manifest}' must be 1-255 UTF-8 bytes.", nameof(manifest));
        }

        var signed = !_keys.IsEmpty;
        using var stream = new MemoryStream();
        stream.WriteByte(FormatVersion);
        stream.WriteByte(signed ? SignedFlag : (byte)0);
        stream.WriteByte((byte)manifestBytes.Length);
        stream.Write(manifestBytes);
        stream.WriteByte((byte)_label.Length);
        stream.Write(_label);
        var payloadStart = (int)stream.Length;
        writePayload(stream);
        if (compress)
        {
            CompressPayload(stream, payloadStart);
        }

        if (!signed)
        {
            return stream.ToArray();
        }

        stream.Write(stackalloc byte[SignatureBytes]);
        var frame = stream.ToArray();
        HMACSHA256.HashData(_keys[0].AsSpan(), frame.AsSpan(0, frame.Length - SignatureBytes), frame.AsSpan(frame.Length - SignatureBytes));
        return frame;
    }

    /// <summary>The payload of a frame that arrived under <paramref name="manifest"/>, or why it is refused.</summary>
    public FrameOpening Open(string manifest, byte[] frame)
    {
        if (frame.Length < 4)
        {
            return FrameOpening.Refuse(WireRefusal.Undecodable, $"{frame.Length} bytes: shorter than any frame");
        }

        if (frame[0] != FormatVersion)
        {
            return FrameOpening.Refuse(WireRefusal.Undecodable, $"wire format {frame[0]}; this node reads format {FormatVersion} (a node of another version?)");
        }

        var flags = frame[1];
        if ((flags & ~(SignedFlag | CompressedFlag)) != 0)
        {
            return FrameOpening.Refuse(WireRefusal.Undecodable, $"unknown frame flags {flags:x2}");
        }

        var position = 2;
        if (!TryReadField(frame, ref position, out var framedManifest) || !framedManifest.SequenceEqual(Encoding.UTF8.GetBytes(manifest)))
        {
            return FrameOpening.Refuse(WireRefusal.Undecodable, "the frame does not name the manifest it arrived under");
        }

        if (!TryReadField(frame, ref position, out var label))
        {
            return FrameOpening.Refuse(WireRefusal.Undecodable, "truncated before the cluster label");
        }

        if (!label.SequenceEqual(_label))
        {
            return FrameOpening.Refuse(WireRefusal.WrongClusterLabel, $"cluster label '{Shown(label)}', this cluster's is '{Shown(_label)}'");
        }

        var signed = (flags & SignedFlag) != 0;
        var payloadEnd = signed ? frame.Length - SignatureBytes : frame.Length;
        if (payloadEnd <= position)
        {
            return FrameOpening.Refuse(WireRefusal.Undecodable, "no payload");
        }

        if (!_keys.IsEmpty)
        {
            if (!signed && _requireSignature)
            {
                return FrameOpening.Refuse(WireRefusal.Unsigned, "no signature; this node's keyring requires one");
            }

            if (signed && !IsSignedByAKeyOfTheRing(frame, payloadEnd))
            {
                return FrameOpening.Refuse(WireRefusal.InvalidSignature, "signed with no key of this node's keyring, or changed in transit");
            }
        }

        return (flags & CompressedFlag) == 0
            ? FrameOpening.Accept(position, payloadEnd - position)
            : Decompressed(frame.AsSpan(position, payloadEnd - position));
    }

    /// <summary>Replaces the payload from <paramref name="start"/> with its Brotli form when it is large and that is smaller.</summary>
    private static void CompressPayload(MemoryStream stream, int start)
    {
        var length = (int)stream.Length - start;
        if (length < CompressAboveBytes)
        {
            return;
        }

        var payload = stream.GetBuffer().AsSpan(start, length);
        var compressed = Brotli(payload, quality: 1);
        if (compressed.Length > RecompressAboveBytes)
        {
            compressed = Brotli(payload, quality: 4);
        }

        if (compressed.Length >= length)
        {
            return; // Incompressible (already compressed values, say): sent as it is.
        }

        stream.SetLength(start);
        stream.Write(compressed);
        stream.GetBuffer()[1] |= CompressedFlag;
    }

    private static byte[] Brotli(ReadOnlySpan<byte> payload, int quality)
    {
        using var target = new MemoryStream(payload.Length / 2);
        using (var brotli = new System.IO.Compression.BrotliStream(target, new System.IO.Compression.BrotliCompressionOptions { Quality = quality }, leaveOpen: true))
        {
            brotli.Write(payload);
        }

        return target.ToArray();
    }

    /// <summary>The decompressed payload, refused past <see cref="MaxPayloadBytes"/> or when the bytes are not Brotli.</summary>
    private static FrameOpening Decompressed(ReadOnlySpan<byte> compressed)
    {
        using var decoder = new System.IO.Compression.BrotliDecoder();
        var output = new byte[Math.Min(MaxPayloadBytes, Math.Max(4 * 1024, compressed.Length * 4))];
        var read = 0;
        var written = 0;
        while (true)
        {
            var status = decoder.Decompress(compressed[read..], output.AsSpan(written), out var consumed, out var produced);
            read += consumed;
            written += produced;
            switch (status)
            {
                case System.Buffers.OperationStatus.Done when read == compressed.Length:
                    return FrameOpening.AcceptDecompressed(output, written);
                case System.Buffers.OperationStatus.DestinationTooSmall when output.Length < MaxPayloadBytes:
                    Array.Resize(ref output, (int)Math.Min(MaxPayloadBytes, output.Length * 2L));
                    break;
                case System.Buffers.OperationStatus.DestinationTooSmall:
                    return FrameOpening.Refuse(WireRefusal.Undecodable, $"the compressed payload decompresses past {MaxPayloadBytes} bytes");
                default:
                    return FrameOpening.Refuse(WireRefusal.Undecodable, "the compressed payload is not whole Brotli data");
            }
        }
    }

    private bool IsSignedByAKeyOfTheRing(byte[] frame, int signedLength)
    {
        Span<byte> expected = stackalloc byte[SignatureBytes];
        var actual = frame.AsSpan(signedLength, SignatureBytes);
        foreach (var key in _keys)
        {
            HMACSHA256.HashData(key.AsSpan(), frame.AsSpan(0, signedLength), expected);
            if (CryptographicOperations.FixedTimeEquals(expected, actual))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads one length-prefixed field (at most 255 bytes).</summary>
    private static bool TryReadField(byte[] frame, ref int position, out ReadOnlySpan<byte> field)
    {
        field = default;
        if (position >= frame.Length || position + 1 + frame[position] > frame.Length)
        {
            return false;
        }

        field = frame.AsSpan(position + 1, frame[position]);
        position += 1 + frame[position];
        return true;
    }

    /// <summary>A label for the log: printable, bounded, whatever a stranger put in it.</summary>
    private static string Shown(ReadOnlySpan<byte> label) => Printable(Encoding.UTF8.GetString(label));

    /// <summary>Text from a peer (a label, a manifest, a detail naming them) made safe for one log line: printable and bounded.</summary>
    public static string Printable(string? text, int maxLength = MaxLabelShown)
    {
        var printable = new string([.. (text ?? string.Empty).Select(c => char.IsControl(c) ? '?' : c)]);
        return printable.Length <= maxLength ? printable : printable[..maxLength] + "...";
    }
}
