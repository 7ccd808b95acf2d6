namespace AkkaConvergence.Wire;

/// <summary>An address on the wire (all parts as strings so any transport's addresses round-trip).</summary>
internal sealed class WireAddress
{
    public string Protocol = string.Empty;
    public string System = string.Empty;
    public string Host = string.Empty;
    public int Port;
}

/// <summary>A unique address on the wire.</summary>
internal sealed class WireUniqueAddress
{
    public WireAddress Address = new();
    public long Uid;
}

/// <summary>InitJoin, InitJoinAck and InitJoinNack: only the sender's address.</summary>
internal sealed class WireAddressMessage
{
    public WireAddress From = new();
}

/// <summary>Join: the joiner, its roles, and the settings the cluster must share (as parallel key and value lists).</summary>
internal sealed class WireJoin
{
    public WireUniqueAddress Node = new();
    public string[] Roles = [];
    public string[] SettingKeys = [];
    public string[] SettingValues = [];
}

internal sealed class WireJoinRefused
{
    public WireUniqueAddress From = new();
    public string[] Conflicts = [];
}

/// <summary>Welcome and GossipEnvelope (To is null for Welcome).</summary>
internal sealed class WireGossipMessage
{
    public WireUniqueAddress From = new();
    public WireUniqueAddress? To;
    public WireGossip Gossip = new();
}

/// <summary>
/// GossipDeltaEnvelope: the two clock fingerprints, the changes as a partial gossip (its own node
/// table, only for the nodes it names), and the target's seen-set as member indexes when few have
/// seen it, else as bits from the first word with a set bit (whichever is smaller, see SeenWire).
/// </summary>
internal sealed class WireGossipDelta
{
    public WireUniqueAddress From = new();
    public WireUniqueAddress To = new();
    public long BaseVersion;
    public long TargetVersion;
    public int TargetMemberCount;
    public WireGossip Changes = new();
    public bool ReachabilityChanged;
    public string[] ClockPruned = [];
    public int[] SeenIndexes = [];
    public ulong[] SeenBits = [];
    public int SeenFirstWord;
}

/// <summary>GossipStatus: the fingerprint of the sender's clock (never the clock, which grows with history) and a seen-set as in <see cref="WireGossipDelta"/>.</summary>
internal sealed class WireGossipStatus
{
    public WireUniqueAddress From = new();
    public WireUniqueAddress To = new();
    public long Version;
    public int SeenMemberCount;
    public ulong[] SeenBits = [];
    public int SeenFirstWord;
    public int[] SeenIndexes = [];
    public byte Kind;
    public long StateSummary;
}

internal sealed class WireVersionFingerprint
{
    public WireUniqueAddress From = new();
    public WireUniqueAddress To = new();
    public long Fingerprint;
    public long StateSummary;
}

internal sealed class WireExitingConfirmed
{
    public WireUniqueAddress Node = new();
}

internal sealed class WireHeartbeat
{
    public WireAddress From = new();
    public long SequenceNr;
    public long CreationTimeMillis;
}

internal sealed class WireHeartbeatResponse
{
    public WireUniqueAddress From = new();
    public long SequenceNr;
    public long CreationTimeMillis;
}

/// <summary>Ping (Flag = the prober suspects the target), PingRequest and ProbeReply (Flag = reached).</summary>
internal sealed class WireProbe
{
    public WireUniqueAddress From = new();
    public WireUniqueAddress Subject = new();
    public long SequenceNr;
    public bool Flag;
}

/// <summary>Suspect and Refute.</summary>
internal sealed class WireSuspicion
{
    public WireUniqueAddress From = new();
    public WireUniqueAddress Subject = new();
    public long Number;
    public long UnansweredForMillis;
}

/// <summary>
/// StateDelta: owners as parallel arrays (their protocol and system are the sender's), then their
/// entries flat, owner i having the next EntryCounts[i]; value j is the next ValueLengths[j] bytes
/// of Values, or a deletion when its length is -1.
/// </summary>
internal sealed class WireStateDelta
{
    public WireUniqueAddress From = new();
    public WireUniqueAddress To = new();
    public string[] OwnerHosts = [];
    public int[] OwnerPorts = [];
    public long[] OwnerUids = [];
    public long[] FromVersions = [];
    public long[] ToVersions = [];
    public long[] Horizons = [];
    public int[] EntryCounts = [];
    public string[] Keys = [];
    public long[] Versions = [];
    public int[] SerializerIds = [];
    public string[] Manifests = [];
    public int[] ValueLengths = [];
    public byte[] Values = [];
}

/// <summary>StateDigest: the kind and the owners' watermarks as parallel arrays.</summary>
internal sealed class WireStateDigest
{
    public WireUniqueAddress From = new();
    public WireUniqueAddress To = new();
    public byte Kind;
    public bool Complete;
    public string[] OwnerHosts = [];
    public int[] OwnerPorts = [];
    public long[] OwnerUids = [];
    public long[] Watermarks = [];
}

/// <summary>WirePart: one piece of a frame too large to send whole.</summary>
internal sealed class WireMessagePart
{
    public WireUniqueAddress From = new();
    public long Transfer;
    public int Index;
    public int Count;
    public string Manifest = string.Empty;
    public byte[] Bytes = [];
}
