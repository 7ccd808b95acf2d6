using System.Collections.Immutable;
using AkkaConvergence.KeyValue;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Wire;

public class ClusterWireFormatTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b", uid: -42);

    /// <summary>A gossip that uses every part of the format: roles, all statuses, reachability, tombstones, a foreign clock id.</summary>
    private static Gossip RichGossip()
    {
        var members = new[]
        {
            TestMembers.Up("a", 1, roles: ["backend", "seed"]), TestMembers.Joining("b", uid: -42), TestMembers.WeaklyUp("c"),
            TestMembers.Leaving("d", 2), TestMembers.Exiting("e", 3), TestMembers.Down("f", 4),
        };
        var gossip = TestGossips.SeenByAll(members)
            .WithReachability(Reachability.Empty.Unreachable(A, Node("f")).Terminated(Node("c"), Node("e")))
            .Increment(A).Increment(B);
        var removed = TestGossips.Of(members.Append(TestMembers.Up("g", 5)).ToArray()).Remove(Node("g"), 77).Tombstones;
        return new Gossip(gossip.Members, gossip.Seen, gossip.Reachability, gossip.Version, removed);
    }

    /// <summary>A later version of <see cref="RichGossip"/>: a member moved up, one removed (tombstone, reachability, clock pruned), a clock entry moved.</summary>
    private static Gossip RicherGossip() =>
        RichGossip().Update(TestMembers.Up("b", 6, uid: -42)).Increment(Node("f")).Remove(Node("f"), 99).Increment(B);

    /// <summary>One sample of every message type; a test below checks the list covers the codec table.</summary>
    private static readonly IClusterMessage[] Samples =
    [
        new InitJoin(A.Address), new InitJoinAck(A.Address), new InitJoinNack(A.Address),
        new Join(B, ImmutableSortedSet.Create(StringComparer.Ordinal, "x", "y"), CoreSettings.Default.Compatibility),
        new JoinRefused(A, ["downing.strategy: joiner keep-oldest, cluster keep-majority"]),
        new Welcome(A, RichGossip()), new GossipEnvelope(A, B, RichGossip()),
        new GossipDeltaEnvelope(A, B, GossipDelta.Between(RichGossip(), RicherGossip())!),
        new GossipStatus(A, B, GossipFingerprint.OfVersion(RichGossip().Version), SeenDigest.Of(RichGossip()), GossipStatusKind.Request, StateSummary: ulong.MaxValue - 1),
        new VersionFingerprint(A, B, ulong.MaxValue - 3, StateSummary: 42),
        new ExitingConfirmed(B), new Heartbeat(A.Address, 7, 1234), new HeartbeatResponse(B, 7, 1234),
        new Ping(A, B, 7, Suspected: true), new PingRequest(A, B, 8), new ProbeReply(B, A, 9, Reached: false),
        new Suspect(A, B, 3, 4_500), new Refute(B, B, 3),
        new StateDelta(A, B, [
            new OwnerDelta(A, 0, 4, 2, [new DeltaEntry("load", 3, new StateValue(17, "D", [1, 2, 3])), new DeltaEntry("gone", 4, null)]),
            new OwnerDelta(B, 7, 9, 0, [new DeltaEntry("ünïcode key", 9, new StateValue(1, string.Empty, []))]),
        ]),
        new StateDigest(A, B, StateDigestKind.Window, Complete: true, [new OwnerWatermark(A, 4), new OwnerWatermark(B, 9)]),
        new WirePart(A, long.MaxValue, 2, 3, "W", [0, 255, 7]),
    ];

    private static readonly string[] Manifests = [.. ClusterWireFormat.Manifests];

    private const string GossipEnvelopeManifest = "GE";

    public static TheoryData<string> AllManifests() => [.. Manifests];

    private static IClusterMessage Sample(string manifest) => Samples.Single(m => ClusterWireFormat.ManifestOf(m) == manifest);

    [Fact]
    public void Every_entry_of_the_codec_table_has_its_own_manifest_and_a_sample_here()
    {
        Assert.Equal(WireCodecs.All.Length, Manifests.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(WireCodecs.All.Select(c => c.MessageType).Order(TypeNames), Samples.Select(m => m.GetType()).Order(TypeNames));
    }

    private static readonly Comparer<Type> TypeNames = Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.FullName, b.FullName));

    [Theory]
    [MemberData(nameof(AllManifests))]
    public void Every_message_round_trips_under_its_stable_manifest(string manifest)
    {
        var message = Sample(manifest);
        Assert.Equal(manifest, ClusterWireFormat.ManifestOf(message));

        var decoded = ClusterWireFormat.FromBytes(manifest, ClusterWireFormat.ToBytes(message));

        switch (message, decoded)
        {
            case (Welcome sent, Welcome received):
                Assert.Equal(sent.From, received.From);
                Assert.True(sent.Gossip.IsSameStateAs(received.Gossip));
                break;
            case (GossipEnvelope sent, GossipEnvelope received):
                Assert.Equal((sent.From, sent.To), (received.From, received.To));
                Assert.True(sent.Gossip.IsSameStateAs(received.Gossip));
                break;
            case (GossipDeltaEnvelope sent, GossipDeltaEnvelope received):
                Assert.Equal((sent.From, sent.To), (received.From, received.To));
                Assert.True(RicherGossip().IsSameStateAs(received.Delta.ApplyTo(RichGossip())!));
                Assert.True(sent.Delta.Changes.IsSameStateAs(received.Delta.Changes));
                break;
            case (GossipStatus sent, GossipStatus received):
                Assert.Equal(sent.Version, received.Version);
                Assert.Equal(sent.Seen.Bits.ToArray(), received.Seen.Bits.ToArray());
                Assert.Equal((sent.From, sent.To, sent.Kind, sent.Seen.MemberCount, sent.StateSummary), (received.From, received.To, received.Kind, received.Seen.MemberCount, received.StateSummary));
                break;
            case (WirePart sent, WirePart received):
                Assert.Equal(sent with { Bytes = [] }, received with { Bytes = [] });
                Assert.Equal(sent.Bytes, received.Bytes);
                break;
            case (Join sent, Join received):
                Assert.Equal(sent.Node, received.Node);
                Assert.Equal(sent.Roles, received.Roles);
                Assert.Equal(sent.Compatibility.Settings, received.Compatibility.Settings);
                Assert.Empty(received.Compatibility.ConflictsWith(sent.Compatibility));
                break;
            case (StateDelta sent, StateDelta received):
                Assert.Equal((sent.From, sent.To), (received.From, received.To));
                Assert.Equal(sent.Owners.Length, received.Owners.Length);
                foreach (var (a, b) in sent.Owners.Zip(received.Owners))
                {
                    Assert.Equal((a.Owner, a.FromVersion, a.ToVersion, a.Horizon), (b.Owner, b.FromVersion, b.ToVersion, b.Horizon));
                    Assert.Equal(a.Entries.ToArray(), b.Entries.ToArray()); // StateValue compares by its serializer id, manifest and bytes.
                }

                break;
            case (StateDigest sent, StateDigest received):
                Assert.Equal((sent.From, sent.To, sent.Kind, sent.Complete), (received.From, received.To, received.Kind, received.Complete));
                Assert.Equal(sent.Holdings.ToArray(), received.Holdings.ToArray());
                break;
            case (JoinRefused sent, JoinRefused received):
                Assert.Equal(sent.From, received.From);
                Assert.Equal(sent.Conflicts, received.Conflicts);
                break;
            default:
                Assert.Equal(message, decoded);
                break;
        }
    }

    [Fact]
    public void Garbage_bytes_are_rejected_with_a_wire_format_error()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            var manifest = Manifests[i % Manifests.Length];
            Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes(manifest, bytes));
        }
    }

    [Fact]
    public void Truncated_messages_are_rejected()
    {
        var bytes = ClusterWireFormat.ToBytes(Sample(GossipEnvelopeManifest));

        for (var length = 0; length < bytes.Length; length += 7)
        {
            Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes(GossipEnvelopeManifest, bytes[..length]));
        }
    }

    [Fact]
    public void A_payload_under_the_wrong_manifest_is_rejected()
    {
        var bytes = ClusterWireFormat.ToBytes(new InitJoin(A.Address));

        Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes(GossipEnvelopeManifest, bytes));
        Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes("unknown", bytes));
    }

    [Fact]
    public void Another_serializers_bytes_are_undecodable_and_name_no_type_to_instantiate()
    {
        // JSON naming a type, and the bytes fuzzing found that made Hyperion read a type name 1.6 GB long.
        byte[][] foreign =
        [
            System.Text.Encoding.UTF8.GetBytes("{\"$type\":\"System.Uri, System.Private.Uri\",\"value\":\"http://evil.example/\"}"),
            Convert.FromHexString("FF04BC7F61609B2E28B1186F5E97E59D673691426886799E3B67A868507483FFEDC9EE56"),
        ];

        Assert.All(foreign, bytes => Assert.Contains("Undecodable", Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes("EC", bytes)).Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_length_larger_than_the_bytes_that_follow_is_refused_before_anything_is_allocated()
    {
        // A Join whose first string (the address's protocol) claims 2 GB: presence, presence, length.
        byte[] bytes = [1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, .. new byte[64]];
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes("J", bytes));

        Assert.Contains("exceeds", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the claimed length was allocated");
    }

    [Fact]
    public void The_layout_of_the_records_is_pinned()
    {
        // Changing a wire record's fields changes these bytes: then also raise WireFrame.FormatVersion,
        // so nodes of the two builds refuse each other clearly instead of misreading each other.
        var initJoin = ClusterWireFormat.ToBytes(new InitJoin(new Akka.Actor.Address("akka.tcp", "sys", "h", 7)));
        var probe = ClusterWireFormat.ToBytes(new Ping(Node("h", uid: 5), Node("i", uid: 6), 9, Suspected: true));

        Assert.Equal("0108616B6B612E746370037379730168" + "07000000", Convert.ToHexString(initJoin));
        Assert.Equal(7, WireFrame.FormatVersion);
        Assert.Equal(probe.Length, ClusterWireFormat.ToBytes(new Ping(Node("h", uid: long.MaxValue), Node("i", uid: -1), long.MinValue, Suspected: false)).Length);
    }

    [Theory]
    [InlineData(1, 4)] // One index.
    [InlineData(320, 80)] // Half have seen: 10 words of bits.
    [InlineData(637, 16)] // All but three: the marker and their three indexes.
    [InlineData(639, 8)]
    [InlineData(640, 4)] // Everyone: the marker alone.
    public void A_seen_set_travels_as_the_smallest_of_indexes_bits_and_the_members_that_have_not_seen(int seenBy, int extraBytes)
    {
        var members = Enumerable.Range(0, 640).Select(i => TestMembers.Up(Node($"m{i}"), i + 1)).ToList();
        var gossip = TestGossips.Of([.. members]);
        var seers = members.Select(m => m.UniqueAddress).OrderBy(n => n.GetHashCode()).Take(seenBy).ToList();
        gossip = seers.Aggregate(gossip, (g, n) => g.MarkSeen(n));
        var status = (SeenDigest seen) => new GossipStatus(A, B, GossipFingerprint.OfVersion(gossip.Version), seen, GossipStatusKind.Acknowledgement);
        var empty = ClusterWireFormat.ToBytes(status(new SeenDigest(640, [.. new ulong[10]])));

        var bytes = ClusterWireFormat.ToBytes(status(SeenDigest.Of(gossip)));
        var decoded = (GossipStatus)ClusterWireFormat.FromBytes("GS", bytes);

        Assert.Equal(extraBytes, bytes.Length - empty.Length);
        Assert.Equal(extraBytes, SeenWire.ExtraBytes(SeenDigest.Of(gossip))); // The simulator's shortcut.
        Assert.Equal(seers.ToHashSet(), decoded.Seen.SeenIn(gossip)!.ToHashSet());
    }

    [Fact]
    public void Bits_travel_from_their_first_set_word_to_their_last()
    {
        var bits = new ulong[10];
        (bits[3], bits[5]) = (1UL << 7, ulong.MaxValue); // 65 set bits: indexes would cost 260 bytes, three words 24.
        var digest = new SeenDigest(640, [.. bits]);
        var status = new GossipStatus(A, B, 1, digest, GossipStatusKind.Reply);
        var empty = ClusterWireFormat.ToBytes(status with { Seen = new SeenDigest(640, [.. new ulong[10]]) });

        var bytes = ClusterWireFormat.ToBytes(status);
        var decoded = (GossipStatus)ClusterWireFormat.FromBytes("GS", bytes);

        Assert.Equal(3 * sizeof(ulong), bytes.Length - empty.Length);
        Assert.Equal(3 * sizeof(ulong), SeenWire.ExtraBytes(digest));
        Assert.Equal(bits, decoded.Seen.Bits.ToArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)] // Two words from word 9 of 10 overrun the members.
    public void Bits_placed_outside_the_members_are_rejected(int firstWord)
    {
        var wire = new WireGossipStatus { From = WireAddresses.ToWire(A), To = WireAddresses.ToWire(B), SeenMemberCount = 640, SeenBits = [1UL, 1UL], SeenFirstWord = firstWord };

        var error = Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes("GS", RecordBytes(wire)));

        Assert.Contains("seen bits at words", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seen_set_given_both_as_indexes_and_as_bits_or_with_an_index_out_of_range_is_rejected()
    {
        var bytes = (SeenDigest seen) => ClusterWireFormat.ToBytes(new GossipStatus(A, B, GossipFingerprint.OfVersion(RichGossip().Version), seen, GossipStatusKind.Reply));
        var wire = new WireGossipStatus { From = WireAddresses.ToWire(A), To = WireAddresses.ToWire(B), SeenMemberCount = 6, SeenBits = [1UL], SeenIndexes = [0] };
        var outOfRange = new WireGossipStatus { From = WireAddresses.ToWire(A), To = WireAddresses.ToWire(B), SeenMemberCount = 6, SeenIndexes = [6] };

        Assert.NotEmpty(bytes(SeenDigest.Of(RichGossip())));
        Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes("GS", RecordBytes(wire)));
        Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes("GS", RecordBytes(outOfRange)));
    }

    private static byte[] RecordBytes(object record)
    {
        using var stream = new MemoryStream();
        WireRecordFormat.Write(record, stream);
        return stream.ToArray();
    }

    [Fact]
    public void Bytes_left_over_after_the_record_are_refused()
    {
        var bytes = ClusterWireFormat.ToBytes(new InitJoin(A.Address));

        Assert.Throws<WireFormatException>(() => ClusterWireFormat.FromBytes("IJ", [.. bytes, 0]));
    }

    [Fact]
    public void A_gossip_with_an_out_of_range_index_is_rejected()
    {
        var wire = GossipWireMapper.ToWire(RichGossip());
        wire.MemberNodes[0] = 99;

        Assert.Throws<WireFormatException>(() => GossipWireMapper.FromWire(wire));
    }

    [Fact]
    public void A_gossip_with_a_removed_or_unknown_status_is_rejected()
    {
        var wire = GossipWireMapper.ToWire(RichGossip());
        wire.MemberStatuses[0] = (byte)MemberStatus.Removed;
        Assert.Throws<WireFormatException>(() => GossipWireMapper.FromWire(wire));

        wire.MemberStatuses[0] = 200;
        Assert.Throws<WireFormatException>(() => GossipWireMapper.FromWire(wire));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(1000)]
    public void Gossip_size_grows_linearly_with_the_members(int members)
    {
        var gossip = TestGossips.SeenByAll(Enumerable.Range(0, members).Select(i => TestMembers.Up(Node($"10.0.{i / 250}.{i % 250}", uid: 1_000_000_007L * i), i + 1)).ToArray())
            .Increment(Node("10.0.0.0"));
        var envelope = ClusterWireFormat.ToBytes(new GossipEnvelope(Node("10.0.0.0"), Node("10.0.0.1"), gossip)).Length;

        // A fixed envelope of about 300 bytes plus some 30 bytes per member (host, port, uid,
        // status, up-number, seen): far below the ~100 bytes per member estimated for Akka.NET.
        Assert.InRange(envelope, 15 * members, 400 + (40 * members));
    }

    [Fact]
    public void Each_seen_entry_adds_exactly_four_bytes_which_the_simulator_relies_on()
    {
        var gossip = RichGossip();
        var unseen = ClusterWireFormat.ToBytes(new GossipEnvelope(A, B, gossip.ClearSeen())).Length;

        var seen = ClusterWireFormat.ToBytes(new GossipEnvelope(A, B, gossip)).Length;

        Assert.Equal(unseen + (4 * gossip.Seen.Count), seen);
    }
}
