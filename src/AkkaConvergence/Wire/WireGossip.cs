namespace AkkaConvergence.Wire;

/// <summary>
/// A gossip as it travels: every node listed once (host, port, uid) and referred to by index;
/// roles listed once; vector-clock entries of members as node indexes (their ids are derived
/// from the node), so a gossip costs a few bytes per member beyond its address.
/// </summary>
/// <remarks>Plain arrays of primitives: the cheapest shape to write and the easiest to validate.</remarks>
internal sealed class WireGossip
{
    public string Protocol = string.Empty;
    public string System = string.Empty;
    public string[] Hosts = [];
    public int[] Ports = [];
    public long[] Uids = [];

    public string[] Roles = [];

    /// <summary>
    /// Member i is node MemberNodes[i] with status MemberStatuses[i] and up-number MemberUpNumbers[i];
    /// its roles are the next MemberRoleCounts[i] entries of MemberRoleIndexes (flat, so the
    /// allow-list needs no nested array types).
    /// </summary>
    public int[] MemberNodes = [];
    public byte[] MemberStatuses = [];
    public int[] MemberUpNumbers = [];
    public int[] MemberRoleCounts = [];
    public int[] MemberRoleIndexes = [];

    public int[] SeenNodes = [];

    public int[] ReachabilityObservers = [];
    public long[] ReachabilityVersions = [];
    public int[] RecordObservers = [];
    public int[] RecordSubjects = [];
    public byte[] RecordStatuses = [];
    public long[] RecordVersions = [];

    public int[] ClockNodes = [];
    public long[] ClockCounters = [];

    /// <summary>Clock entries that belong to no listed node (normally none).</summary>
    public string[] ClockOtherIds = [];
    public long[] ClockOtherCounters = [];

    public int[] TombstoneNodes = [];
    public long[] TombstoneTimes = [];
}
