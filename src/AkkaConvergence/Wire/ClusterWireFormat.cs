using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.FailureDetection;
using AkkaConvergence.Protocol;
using Hyperion;

namespace AkkaConvergence.Wire;

/// <summary>
/// Turns cluster messages into bytes and back: a stable short manifest per message type, the
/// message mapped to a plain wire record, and Hyperion restricted to exactly those record types
/// (an allow-list), so foreign or corrupt bytes can never instantiate anything else.
/// </summary>
internal static class ClusterWireFormat
{
    public const string InitJoinManifest = "IJ";
    public const string InitJoinAckManifest = "IJA";
    public const string InitJoinNackManifest = "IJN";
    public const string JoinManifest = "J";
    public const string WelcomeManifest = "W";
    public const string GossipEnvelopeManifest = "GE";
    public const string GossipStatusManifest = "GS";
    public const string ExitingConfirmedManifest = "EC";
    public const string HeartbeatManifest = "HB";
    public const string HeartbeatResponseManifest = "HBR";

    private static readonly Type[] WireTypes =
    [
        typeof(WireAddress), typeof(WireUniqueAddress), typeof(WireAddressMessage), typeof(WireJoin),
        typeof(WireGossipMessage), typeof(WireGossip), typeof(WireGossipStatus), typeof(WireExitingConfirmed),
        typeof(WireHeartbeat), typeof(WireHeartbeatResponse),
    ];

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

    public static string ManifestOf(IConvergenceWireMessage message) => message switch
    {
        Heartbeat => HeartbeatManifest,
        HeartbeatResponse => HeartbeatResponseManifest,
        InitJoin => InitJoinManifest,
        InitJoinAck => InitJoinAckManifest,
        InitJoinNack => InitJoinNackManifest,
        Join => JoinManifest,
        Welcome => WelcomeManifest,
        GossipEnvelope => GossipEnvelopeManifest,
        GossipStatus => GossipStatusManifest,
        ExitingConfirmed => ExitingConfirmedManifest,
        _ => throw new ArgumentException($"{message.GetType().Name} is not a convergence message.", nameof(message)),
    };

    public static byte[] ToBytes(IConvergenceWireMessage message)
    {
        object wire = message switch
        {
            Heartbeat m => new WireHeartbeat { From = ToWire(m.From), SequenceNr = m.SequenceNr, CreationTimeMillis = m.CreationTimeMillis },
            HeartbeatResponse m => new WireHeartbeatResponse { From = ToWire(m.From), SequenceNr = m.SequenceNr, CreationTimeMillis = m.CreationTimeMillis },
            InitJoin m => new WireAddressMessage { From = ToWire(m.From) },
            InitJoinAck m => new WireAddressMessage { From = ToWire(m.From) },
            InitJoinNack m => new WireAddressMessage { From = ToWire(m.From) },
            Join m => new WireJoin { Node = ToWire(m.Node), Roles = [.. m.Roles] },
            Welcome m => new WireGossipMessage { From = ToWire(m.From), Gossip = GossipWireMapper.ToWire(m.Gossip) },
            GossipEnvelope m => new WireGossipMessage { From = ToWire(m.From), To = ToWire(m.To), Gossip = GossipWireMapper.ToWire(m.Gossip) },
            GossipStatus m => new WireGossipStatus
            {
                From = ToWire(m.From),
                To = ToWire(m.To),
                ClockIds = [.. m.Version.Versions.Keys],
                ClockCounters = [.. m.Version.Versions.Values],
                SeenMemberCount = m.Seen.MemberCount,
                SeenBits = [.. m.Seen.Bits],
                Kind = (byte)m.Kind,
            },
            ExitingConfirmed m => new WireExitingConfirmed { Node = ToWire(m.Node) },
            _ => throw new ArgumentException($"{message.GetType().Name} is not a cluster message.", nameof(message)),
        };
        using var stream = new MemoryStream();
        Hyperion.Serialize(wire, stream);
        return stream.ToArray();
    }

    /// <summary>Decodes a message; anything unexpected is a <see cref="WireFormatException"/>.</summary>
    public static IConvergenceWireMessage FromBytes(string manifest, byte[] bytes)
    {
        object wire;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            wire = Hyperion.Deserialize(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WireFormatException($"Undecodable cluster message (manifest '{manifest}', {bytes.Length} bytes): {e.Message}", e);
        }

        try
        {
            return (manifest, wire) switch
            {
                (HeartbeatManifest, WireHeartbeat m) => new Heartbeat(FromWire(m.From), m.SequenceNr, m.CreationTimeMillis),
                (HeartbeatResponseManifest, WireHeartbeatResponse m) => new HeartbeatResponse(FromWire(m.From), m.SequenceNr, m.CreationTimeMillis),
                (InitJoinManifest, WireAddressMessage m) => new InitJoin(FromWire(m.From)),
                (InitJoinAckManifest, WireAddressMessage m) => new InitJoinAck(FromWire(m.From)),
                (InitJoinNackManifest, WireAddressMessage m) => new InitJoinNack(FromWire(m.From)),
                (JoinManifest, WireJoin m) => new Join(FromWire(m.Node), (m.Roles ?? []).ToImmutableSortedSet(StringComparer.Ordinal)),
                (WelcomeManifest, WireGossipMessage m) => new Welcome(FromWire(m.From), GossipWireMapper.FromWire(Required(m.Gossip))),
                (GossipEnvelopeManifest, WireGossipMessage m) => new GossipEnvelope(FromWire(m.From), FromWire(Required(m.To)), GossipWireMapper.FromWire(Required(m.Gossip))),
                (GossipStatusManifest, WireGossipStatus m) => new GossipStatus(
                    FromWire(m.From),
                    FromWire(m.To),
                    VectorClock.From(Required(m.ClockIds).Select((id, i) => new KeyValuePair<string, long>(id, Required(m.ClockCounters)[i]))),
                    new SeenDigest(m.SeenMemberCount, [.. Required(m.SeenBits)]),
                    Enum.IsDefined((GossipStatusKind)m.Kind) ? (GossipStatusKind)m.Kind : throw new WireFormatException($"Unknown gossip status kind {m.Kind}.")),
                (ExitingConfirmedManifest, WireExitingConfirmed m) => new ExitingConfirmed(FromWire(m.Node)),
                _ => throw new WireFormatException($"Manifest '{manifest}' does not match the payload {wire?.GetType().Name ?? "null"}."),
            };
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or NullReferenceException or FormatException)
        {
            throw new WireFormatException($"Invalid cluster message (manifest '{manifest}'): {e.Message}", e);
        }
    }

    private static T Required<T>(T? value)
        where T : class =>
        value ?? throw new WireFormatException($"A required {typeof(T).Name} is missing.");

    private static WireAddress ToWire(Address address) => new()
    {
        Protocol = address.Protocol,
        System = address.System,
        Host = address.Host ?? string.Empty,
        Port = address.Port ?? 0,
    };

    private static WireUniqueAddress ToWire(UniqueAddress node) => new() { Address = ToWire(node.Address), Uid = node.Uid };

    private static Address FromWire(WireAddress? address)
    {
        var a = Required(address);
        return new Address(Required(a.Protocol), Required(a.System), Required(a.Host), a.Port);
    }

    private static UniqueAddress FromWire(WireUniqueAddress? node) => new(FromWire(Required(node).Address), node!.Uid);
}
