namespace AkkaConvergence.Hosting;

/// <summary>
/// The <c>akka.convergence</c> settings an Akka.Hosting app usually sets in code, in the shape of
/// Akka.Cluster.Hosting's <c>ClusterOptions</c>. Every property left null keeps what HOCON says
/// (the app's own HOCON, else reference.conf); a set property wins over HOCON.
/// </summary>
public sealed class ConvergenceClusterOptions
{
    /// <summary>Actor-system addresses to join at start, e.g. <c>akka.tcp://app@10.0.0.1:4053</c>; the same list in the same order on every node (<c>seed-nodes</c>).</summary>
    public string[]? SeedNodes { get; set; }

    /// <summary>This node's roles (<c>roles</c>).</summary>
    public string[]? Roles { get; set; }

    /// <summary>Joiners stay Joining until the cluster has this many members, at least 1 (<c>min-nr-of-members</c>).</summary>
    public int? MinNrOfMembers { get; set; }

    /// <summary>The same per role, e.g. <c>{ ["backend"] = 2 }</c> (<c>role.&lt;name&gt;.min-nr-of-members</c>).</summary>
    public IDictionary<string, int>? RoleMinNrOfMembers { get; set; }

    /// <summary>The downing strategy (<c>downing.*</c>): <see cref="KeepMajorityOption"/> (the default), <see cref="StaticQuorumOption"/>, <see cref="KeepOldestOption"/>, <see cref="DownAllOption"/> or <see cref="DowningOffOption"/>.</summary>
    public DowningOption? Downing { get; set; }

    /// <summary>The failure detector (<c>failure-detector.kind</c>); Lifeguard by default.</summary>
    public FailureDetectorKind? FailureDetector { get; set; }

    /// <summary>The cluster's label; messages with another label are refused (<c>cluster-label</c>, at most 255 UTF-8 bytes).</summary>
    public string? ClusterLabel { get; set; }

    /// <summary>
    /// Shared secrets (base64, 16-64 bytes; <c>akka-convergence keygen</c> makes one): the first signs,
    /// every one verifies (<c>authentication.keys</c>). Read them from configuration or a secret store, not source.
    /// </summary>
    public string[]? AuthenticationKeys { get; set; }

    /// <summary>How often each node gossips (<c>gossip-interval</c>).</summary>
    public TimeSpan? GossipInterval { get; set; }

    /// <summary>Whether a Downed or Removed node terminates its ActorSystem (<c>run-coordinated-shutdown-when-down</c>, on by default).</summary>
    public bool? RunCoordinatedShutdownWhenDown { get; set; }
}
