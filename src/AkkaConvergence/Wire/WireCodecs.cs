using System.Collections.Immutable;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Wire.WireAddresses;

namespace AkkaConvergence.Wire;

/// <summary>
/// The codec table: every message that crosses nodes, one entry each. Manifests, the serializer's
/// type binding and the set of wire records all derive from this list.
/// </summary>
internal static class WireCodecs
{
    public static ImmutableArray<WireCodec> All { get; } =
    [
        WireCodec.For<InitJoin, WireAddressMessage>("IJ", m => new() { From = ToWire(m.From) }, w => new(FromWire(w.From))),
        WireCodec.For<InitJoinAck, WireAddressMessage>("IJA", m => new() { From = ToWire(m.From) }, w => new(FromWire(w.From))),
        WireCodec.For<InitJoinNack, WireAddressMessage>("IJN", m => new() { From = ToWire(m.From) }, w => new(FromWire(w.From))),
        WireCodec.For<Join, WireJoin>(
            "J",
            m => new()
            {
                Node = ToWire(m.Node),
                Roles = [.. m.Roles],
                SettingKeys = [.. m.Compatibility.Settings.Keys],
                SettingValues = [.. m.Compatibility.Settings.Values],
            },
            w => new(FromWire(w.Node), (w.Roles ?? []).ToImmutableSortedSet(StringComparer.Ordinal), CompatibilityFromWire(w))),
        WireCodec.For<JoinRefused, WireJoinRefused>(
            "JR",
            m => new() { From = ToWire(m.From), Conflicts = [.. m.Conflicts] },
            w => new(FromWire(w.From), [.. Required(w.Conflicts)])),
        WireCodec.For<Welcome, WireGossipMessage>(
            "W",
            m => new() { From = ToWire(m.From), Gossip = GossipWireMapper.ToWire(m.Gossip) },
            w => new(FromWire(w.From), GossipWireMapper.FromWire(Required(w.Gossip)))),
        WireCodec.For<GossipEnvelope, WireGossipMessage>(
            "GE",
            m => new() { From = ToWire(m.From), To = ToWire(m.To), Gossip = GossipWireMapper.ToWire(m.Gossip) },
            w => new(FromWire(w.From), FromWire(Required(w.To)), GossipWireMapper.FromWire(Required(w.Gossip)))),
        WireCodec.For<GossipDeltaEnvelope, WireGossipDelta>("GD", GossipDeltaWireMapper.ToWire, GossipDeltaWireMapper.FromWire),
        WireCodec.For<GossipStatus, WireGossipStatus>("GS", GossipStatusToWire, GossipStatusFromWire),
        WireCodec.For<VersionFingerprint, WireVersionFingerprint>(
            "GF",
            m => new() { From = ToWire(m.From), To = ToWire(m.To), Fingerprint = unchecked((long)m.Fingerprint), StateSummary = unchecked((long)m.StateSummary) },
            w => new(FromWire(w.From), FromWire(w.To), unchecked((ulong)w.Fingerprint), unchecked((ulong)w.StateSummary))),
        WireCodec.For<ExitingConfirmed, WireExitingConfirmed>("EC", m => new() { Node = ToWire(m.Node) }, w => new(FromWire(w.Node))),
        WireCodec.For<Heartbeat, WireHeartbeat>(
            "HB",
            m => new() { From = ToWire(m.From), SequenceNr = m.SequenceNr, CreationTimeMillis = m.CreationTimeMillis },
            w => new(FromWire(w.From), w.SequenceNr, w.CreationTimeMillis)),
        WireCodec.For<HeartbeatResponse, WireHeartbeatResponse>(
            "HBR",
            m => new() { From = ToWire(m.From), SequenceNr = m.SequenceNr, CreationTimeMillis = m.CreationTimeMillis },
            w => new(FromWire(w.From), w.SequenceNr, w.CreationTimeMillis)),
        WireCodec.For<Ping, WireProbe>(
            "PI",
            m => new() { From = ToWire(m.From), Subject = ToWire(m.To), SequenceNr = m.SequenceNr, Flag = m.Suspected },
            w => new(FromWire(w.From), FromWire(w.Subject), w.SequenceNr, w.Flag)),
        WireCodec.For<PingRequest, WireProbe>(
            "PR",
            m => new() { From = ToWire(m.From), Subject = ToWire(m.Target), SequenceNr = m.SequenceNr },
            w => new(FromWire(w.From), FromWire(w.Subject), w.SequenceNr)),
        WireCodec.For<ProbeReply, WireProbe>(
            "PA",
            m => new() { From = ToWire(m.From), Subject = ToWire(m.Subject), SequenceNr = m.SequenceNr, Flag = m.Reached },
            w => new(FromWire(w.From), FromWire(w.Subject), w.SequenceNr, w.Flag)),
        WireCodec.For<Suspect, WireSuspicion>(
            "SU",
            m => new() { From = ToWire(m.Accuser), Subject = ToWire(m.Subject), Number = m.Number, UnansweredForMillis = m.UnansweredForMillis },
            w => new(FromWire(w.From), FromWire(w.Subject), w.Number, w.UnansweredForMillis)),
        WireCodec.For<Refute, WireSuspicion>(
            "RE",
            m => new() { From = ToWire(m.From), Subject = ToWire(m.Subject), Number = m.Number },
            w => new(FromWire(w.From), FromWire(w.Subject), w.Number)),
        WireCodec.For<StateDelta, WireStateDelta>("SD", StateWireMapper.ToWire, StateWireMapper.FromWire),
        WireCodec.For<StateDigest, WireStateDigest>("SG", StateWireMapper.ToWire, StateWireMapper.FromWire),
        WireCodec.For<WirePart, WireMessagePart>(
            "WP",
            m => new() { From = ToWire(m.From), Transfer = m.Transfer, Index = m.Index, Count = m.Count, Manifest = m.Manifest, Bytes = m.Bytes },
            w => FrameSplitter.Validated(new(FromWire(w.From), w.Transfer, w.Index, w.Count, w.Manifest, w.Bytes))),
    ];

    private static JoinCompatibility CompatibilityFromWire(WireJoin w)
    {
        var keys = Required(w.SettingKeys);
        var values = Required(w.SettingValues);
        if (keys.Length != values.Length || keys.Distinct(StringComparer.Ordinal).Count() != keys.Length)
        {
            throw new WireFormatException($"Join settings have {keys.Length} keys (some repeated?) but {values.Length} values.");
        }

        return new JoinCompatibility(keys.Zip(values).ToImmutableSortedDictionary(kv => kv.First, kv => kv.Second, StringComparer.Ordinal));
    }

    private static WireGossipStatus GossipStatusToWire(GossipStatus m)
    {
        var (indexes, bits, firstWord) = SeenWire.Encode(m.Seen);
        return new()
        {
            From = ToWire(m.From),
            To = ToWire(m.To),
            Version = unchecked((long)m.Version),
            SeenMemberCount = m.Seen.MemberCount,
            SeenBits = bits,
            SeenFirstWord = firstWord,
            SeenIndexes = indexes,
            Kind = (byte)m.Kind,
            StateSummary = unchecked((long)m.StateSummary),
        };
    }

    private static GossipStatus GossipStatusFromWire(WireGossipStatus w)
    {
        var kind = (GossipStatusKind)w.Kind;
        return new GossipStatus(
            FromWire(w.From),
            FromWire(w.To),
            unchecked((ulong)w.Version),
            SeenWire.Decode(w.SeenMemberCount, w.SeenIndexes, w.SeenBits, w.SeenFirstWord, "gossip status"),
            Enum.IsDefined(kind) ? kind : throw new WireFormatException($"Unknown gossip status kind {w.Kind}."),
            unchecked((ulong)w.StateSummary));
    }
}
