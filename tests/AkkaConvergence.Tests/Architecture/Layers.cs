namespace AkkaConvergence.Tests.Architecture;

/// <summary>
/// The layers of the library, bottom first, as docs/architecture.md draws them. A type may use
/// types of its own layer and of layers below it, never above. Internal types belong to the layer
/// of their namespace; public types stay in the root namespace for users, so each is assigned to
/// its layer here (a new public type fails the test until it is).
/// </summary>
internal static class Layers
{
    public static readonly string[] Order =
    [
        "Membership", "KeyValue", "Configuration", "Events", "FailureDetection", "Protocol.Downing", "Protocol", "Diagnostics", "Wire", "Hooks", "Actors", "Root",
    ];

    /// <summary>Layers that must stay pure: no actor, remoting or clock types (see <see cref="PureAllowedExternal"/>).</summary>
    public static readonly string[] Pure = ["Membership", "KeyValue", "FailureDetection", "Protocol.Downing", "Protocol"];

    /// <summary>The only types of the Akka assemblies a pure layer may use: plain values.</summary>
    public static readonly string[] PureAllowedExternal = ["Akka.Actor.Address"];

    public static readonly IReadOnlyDictionary<string, string> PublicRootTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["UniqueAddress"] = "Membership",
        ["Member"] = "Membership",
        ["MemberStatus"] = "Membership",
        ["VectorClock"] = "Membership",
        ["VectorClockOrdering"] = "Membership",
        ["MemberTransition"] = "Membership",
        ["ConvergenceSettings"] = "Configuration",
        ["DowningSettings"] = "Configuration",
        ["DowningStrategy"] = "Configuration",
        ["FailureDetectorSettings"] = "Configuration",
        ["FailureDetectorKind"] = "Configuration",
        ["LifeguardSettings"] = "Configuration",
        ["AuthenticationSettings"] = "Configuration",
        ["GossipStateSettings"] = "Configuration",
        ["GossipStateChanged"] = "Events",
        ["ClusterGossip"] = "Root",
        ["GossipEntry`1"] = "Root",
        ["GossipStateEntry"] = "Root",
        ["GossipStateSnapshot"] = "Root",
        ["ConsensusCheck`1"] = "Root",
        ["IConsensusHandle`1"] = "Root",
        ["IClusterDomainEvent"] = "Events",
        ["IMemberEvent"] = "Events",
        ["IReachabilityEvent"] = "Events",
        ["MemberJoined"] = "Events",
        ["MemberWeaklyUp"] = "Events",
        ["MemberUp"] = "Events",
        ["MemberLeft"] = "Events",
        ["MemberExited"] = "Events",
        ["MemberDowned"] = "Events",
        ["MemberRemoved"] = "Events",
        ["UnreachableMember"] = "Events",
        ["ReachableMember"] = "Events",
        ["LeaderChanged"] = "Events",
        ["RoleLeaderChanged"] = "Events",
        ["ConvergenceChanged"] = "Events",
        ["ClusterShuttingDown"] = "Events",
        ["CurrentClusterState"] = "Events",
        ["InitialStateMode"] = "Events",
        ["ILeaderActionHook"] = "Hooks",
        ["ConvergenceCluster"] = "Root",
        ["ConvergenceClusterExtension"] = "Root",
    };
}
