using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Wire;

public sealed class WireFrameTests : IDisposable
{
    private const string Manifest = "GE";

    private static readonly byte[] Key1 = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] Key2 = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 7))];

    private readonly ActorSystem _system = ActorSystem.Create("wire-frame-tests");

    public void Dispose() => _system.Dispose();

    private static AuthenticationSettings Keyring(bool requireSignature, params byte[][] keys) =>
        new([.. keys.Select(k => k.ToImmutableArray())], requireSignature);

    private static WireFrame Frame(string label = "", params byte[][] keys) => new(label, Keyring(requireSignature: true, keys));

    private static byte[] Seal(WireFrame frame, string manifest = Manifest) => frame.Seal(manifest, stream => stream.Write(Payload));

    private static byte[] PayloadOf(byte[] bytes, FrameOpening opening)
    {
        Assert.True(opening.IsAccepted, $"refused: {opening.Refusal} ({opening.Detail})");
        return bytes[opening.PayloadOffset..(opening.PayloadOffset + opening.PayloadLength)];
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders-prod")]
    [InlineData("ünïcödé cluster")]
    public void A_frame_opens_to_its_payload_with_the_same_label_and_keys(string label)
    {
        foreach (var frame in new[] { Frame(label), Frame(label, Key1), Frame(label, Key1, Key2) })
        {
            var bytes = Seal(frame);

            Assert.Equal(Payload, PayloadOf(bytes, frame.Open(Manifest, bytes)));
            Assert.Equal(bytes.Length - Payload.Length, frame.OverheadOf(Manifest));
        }
    }

    [Fact]
    public void Another_clusters_label_is_refused_naming_both_labels()
    {
        var bytes = Seal(Frame("staging"));

        var opening = Frame("production").Open(Manifest, bytes);

        Assert.Equal((false, WireRefusal.WrongClusterLabel), (opening.IsAccepted, opening.Refusal));
        Assert.Contains("'staging'", opening.Detail, StringComparison.Ordinal);
        Assert.Contains("'production'", opening.Detail, StringComparison.Ordinal);
        Assert.Equal(WireRefusal.WrongClusterLabel, Frame().Open(Manifest, bytes).Refusal);
        Assert.Equal(WireRefusal.WrongClusterLabel, Frame("staging").Open(Manifest, Seal(Frame())).Refusal);
    }

    [Fact]
    public void A_keyed_node_refuses_unsigned_frames_unless_signatures_are_optional()
    {
        var unsigned = Seal(Frame());

        Assert.Equal(WireRefusal.Unsigned, Frame("", Key1).Open(Manifest, unsigned).Refusal);
        Assert.False(Frame("", Key1).Open(Manifest, unsigned).IsAccepted);
        var switchingOn = new WireFrame(string.Empty, Keyring(requireSignature: false, Key1));
        Assert.Equal(Payload, PayloadOf(unsigned, switchingOn.Open(Manifest, unsigned)));
    }

    [Fact]
    public void A_frame_signed_with_a_key_outside_the_ring_is_refused()
    {
        var bytes = Seal(Frame("", Key2));

        var opening = Frame("", Key1).Open(Manifest, bytes);

        Assert.Equal((false, WireRefusal.InvalidSignature), (opening.IsAccepted, opening.Refusal));
    }

    [Fact]
    public void The_primary_key_signs_and_every_key_verifies_so_keys_rotate_without_downtime()
    {
        var oldPrimary = Frame("", Key1, Key2);
        var newPrimary = Frame("", Key2, Key1);

        var fromOld = Seal(oldPrimary);
        var fromNew = Seal(newPrimary);

        Assert.Equal(Payload, PayloadOf(fromOld, newPrimary.Open(Manifest, fromOld)));
        Assert.Equal(Payload, PayloadOf(fromNew, oldPrimary.Open(Manifest, fromNew)));
        Assert.Equal(WireRefusal.InvalidSignature, Frame("", Key2).Open(Manifest, fromOld).Refusal); // The old key is gone: its frames are not.
    }

    [Fact]
    public void A_node_without_keys_ignores_signatures_so_authentication_can_be_switched_on_in_a_running_cluster()
    {
        var signed = Seal(Frame("", Key1));

        Assert.Equal(Payload, PayloadOf(signed, Frame().Open(Manifest, signed)));
    }

    [Fact]
    public void Changing_any_single_byte_of_a_signed_frame_gets_it_refused()
    {
        var frame = Frame("orders", Key1);
        var bytes = Seal(frame);

        for (var position = 0; position < bytes.Length; position++)
        {
            var changed = (byte[])bytes.Clone();
            changed[position] ^= 0x20;

            Assert.False(frame.Open(Manifest, changed).IsAccepted, $"a change at byte {position} of {bytes.Length} was accepted");
        }
    }

    [Fact]
    public void Signed_bytes_cannot_be_replayed_under_another_manifest()
    {
        var frame = Frame("", Key1);
        var bytes = Seal(frame, "IJ");

        Assert.Equal(WireRefusal.Undecodable, frame.Open(Manifest, bytes).Refusal);
    }

    [Fact]
    public void Short_foreign_and_unknown_version_frames_are_undecodable()
    {
        var frame = Frame();
        const byte v = WireFrame.FormatVersion;
        byte[][] samples = [[], [v], [v, 0, 2], [v + 1, 0, 2, (byte)'G', (byte)'E', 0, 1], [v - 1, 0, 2, (byte)'G', (byte)'E', 0, 1], [v, 0x80, 2, (byte)'G', (byte)'E', 0, 1], [v, 0, 200, 1, 2], [v, 0, 2, (byte)'G', (byte)'E', 0]];

        Assert.All(samples, bytes => Assert.Equal(WireRefusal.Undecodable, frame.Open(Manifest, bytes).Refusal));
        Assert.All(samples, bytes => Assert.False(frame.Open(Manifest, bytes).IsAccepted));
    }

    [Fact]
    public void The_serializer_round_trips_every_message_through_a_labelled_signed_frame()
    {
        var serializer = new ConvergenceSerializer((ExtendedActorSystem)_system, Frame("orders", Key1));
        var message = new GossipEnvelope(Node("a"), Node("b"), TestGossips.SeenByAll([TestMembers.Up("a", 1), TestMembers.Up("b", 2)]));

        var decoded = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));

        var inbound = Assert.IsType<Inbound>(decoded);
        Assert.True(LocalProof.IsGenuine(inbound.Proof));
        Assert.True(message.Gossip.IsSameStateAs(((GossipEnvelope)inbound.Message).Gossip));
    }

    [Fact]
    public void A_large_gossip_travels_compressed_and_opens_to_the_same_gossip_signed_or_not()
    {
        var random = new Random(7);
        var members = Enumerable.Range(0, 400).Select(i => TestMembers.Up(new UniqueAddress(new Address("akka.tcp", "sys", $"10.0.{i / 200}.{i % 200}", 4053), random.NextInt64()), i + 1)).ToArray();
        var message = new GossipEnvelope(members[0].UniqueAddress, members[1].UniqueAddress, TestGossips.SeenByAll(members));
        var plain = ClusterWireFormat.ToBytes(message);
        Assert.True(plain.Length > WireFrame.CompressAboveBytes);

        foreach (var frame in new[] { Frame("orders"), Frame("orders", Key1) })
        {
            var serializer = new ConvergenceSerializer((ExtendedActorSystem)_system, frame);
            var bytes = serializer.ToBinary(message);

            Assert.InRange(bytes.Length, 1, plain.Length * 2 / 3); // Compressed: random uids and all, well under the plain payload.
            var inbound = Assert.IsType<Inbound>(serializer.FromBinary(bytes, "GE"));
            Assert.True(message.Gossip.IsSameStateAs(((GossipEnvelope)inbound.Message).Gossip));
        }
    }

    [Fact]
    public void Small_payloads_and_incompressible_ones_are_sent_as_they_are()
    {
        var small = Seal(Frame());
        Assert.Equal(0, small[1] & 2);

        var noise = new byte[8 * 1024];
        new Random(3).NextBytes(noise);
        var sealedNoise = Frame().Seal(Manifest, stream => stream.Write(noise));
        Assert.Equal(0, sealedNoise[1] & 2);
        Assert.Equal(noise, PayloadOf(sealedNoise, Frame().Open(Manifest, sealedNoise)));
    }

    [Fact]
    public void A_compressed_payload_that_is_corrupt_truncated_or_a_bomb_is_refused_as_undecodable()
    {
        var frame = Frame();
        byte[] Framed(byte[] payload) => [WireFrame.FormatVersion, 2, 2, (byte)'G', (byte)'E', 0, .. payload];
        byte[] Brotli(byte[] raw)
        {
            using var target = new MemoryStream();
            using (var brotli = new System.IO.Compression.BrotliStream(target, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                brotli.Write(raw);
            }

            return target.ToArray();
        }

        var valid = Brotli([.. Enumerable.Repeat((byte)'x', 10_000)]);
        Assert.True(frame.Open(Manifest, Framed(valid)).IsAccepted);

        var bomb = Brotli(new byte[WireFrame.MaxPayloadBytes + 1]); // About 1 KB that would be 16 MiB.
        byte[][] refused = [Framed([1, 2, 3, 4, 5]), Framed(valid[..^4]), Framed([.. valid, 0]), Framed(bomb)];
        foreach (var bytes in refused)
        {
            var opening = frame.Open(Manifest, bytes);
            Assert.False(opening.IsAccepted);
            Assert.Equal(WireRefusal.Undecodable, opening.Refusal);
        }

        Assert.Contains("decompresses past", frame.Open(Manifest, Framed(bomb)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_serializer_turns_every_random_or_mutated_input_into_a_counted_refusal_never_an_exception()
    {
        var serializer = new ConvergenceSerializer((ExtendedActorSystem)_system, Frame("orders", Key1));
        var unkeyed = new ConvergenceSerializer((ExtendedActorSystem)_system, Frame("orders"));
        IClusterMessage[] messages = [new InitJoin(Node("a").Address), new Heartbeat(Node("a").Address, 3, 99), new GossipEnvelope(Node("a"), Node("b"), TestGossips.SeenByAll([TestMembers.Up("a", 1)]))];
        var random = new Random(20261202);
        var refused = 0;
        for (var i = 0; i < 3_000; i++)
        {
            var message = messages[i % messages.Length];
            var manifest = serializer.Manifest(message);
            var bytes = (i % 3) switch
            {
                0 => RandomBytes(random),
                1 => Mutated(unkeyed.ToBinary(message), random), // Well-framed, unsigned, then damaged: the payload decoder sees it too.
                _ => Mutated(serializer.ToBinary(message), random),
            };

            var target = i % 3 == 1 ? unkeyed : serializer;
            var result = target.FromBinary(bytes, manifest);

            Assert.True(result is Inbound or RefusedInbound, $"input {i} gave {result.GetType().Name}");
            refused += result is RefusedInbound { Proof: var proof } && LocalProof.IsGenuine(proof) ? 1 : 0;
        }

        Assert.True(refused > 2_000, $"only {refused} of 3,000 damaged inputs were refused");
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 400)];
        random.NextBytes(bytes);
        if (bytes.Length > 4 && random.Next(2) == 0)
        {
            bytes[0] = WireFrame.FormatVersion; // Past the first check, to reach the deeper ones.
            bytes[1] = 0;
        }

        return bytes;
    }

    private static byte[] Mutated(byte[] bytes, Random random)
    {
        switch (random.Next(3))
        {
            case 0:
                return bytes[..random.Next(0, bytes.Length)]; // Truncated.
            case 1:
                var flipped = (byte[])bytes.Clone();
                for (var n = random.Next(1, 4); n > 0; n--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)random.Next(1, 256);
                }

                return flipped;
            default:
                var grown = new byte[bytes.Length + random.Next(1, 64)];
                bytes.CopyTo(grown, 0);
                random.NextBytes(grown.AsSpan(bytes.Length));
                return grown; // Trailing junk.
        }
    }

    [Fact]
    public void An_envelope_without_a_manifest_is_refused_not_thrown()
    {
        var serializer = new ConvergenceSerializer((ExtendedActorSystem)_system, Frame());
        byte[] bytes = [WireFrame.FormatVersion, 0, 1, 0, 0, 9];

        var refused = Assert.IsType<RefusedInbound>(serializer.FromBinary(bytes, null!));

        Assert.Equal(WireRefusal.Undecodable, refused.Reason);
    }
}
