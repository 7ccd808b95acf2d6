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

internal sealed class WireGossipStatus
{
    public WireUniqueAddress From = new();
    public WireUniqueAddress To = new();
    public string[] ClockIds = [];
    public long[] ClockCounters = [];
    public int SeenMemberCount;
    public ulong[] SeenBits = [];
    public byte Kind;
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
