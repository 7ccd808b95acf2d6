using Akka.Actor;

namespace AkkaConvergence.Actors;

/// <summary>Where the convergence actors live on every node (under /system, apart from Akka.Cluster's /system/cluster).</summary>
internal static class ConvergencePaths
{
    public const string Daemon = "convergence";
    public const string Membership = "membership";
    public const string Heartbeat = "heartbeat";
    public const string Publisher = "publisher";

    public static ActorPath MembershipAt(Address address) => new RootActorPath(address) / "system" / Daemon / Membership;

    public static ActorPath HeartbeatAt(Address address) => new RootActorPath(address) / "system" / Daemon / Heartbeat;
}
