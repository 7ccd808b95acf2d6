namespace AkkaConvergence;

/// <summary>Every event the cluster publishes to subscribers.</summary>
public interface IClusterDomainEvent
{
}

/// <summary>A member's status changed (or it was removed).</summary>
public interface IMemberEvent : IClusterDomainEvent
{
    /// <summary>The member, with its new status.</summary>
    Member Member { get; }
}

/// <summary>A member is Joining.</summary>
public sealed record MemberJoined(Member Member) : IMemberEvent;

/// <summary>A member is WeaklyUp.</summary>
public sealed record MemberWeaklyUp(Member Member) : IMemberEvent;

/// <summary>A member is Up.</summary>
public sealed record MemberUp(Member Member) : IMemberEvent;

/// <summary>A member is Leaving.</summary>
public sealed record MemberLeft(Member Member) : IMemberEvent;

/// <summary>A member is Exiting.</summary>
public sealed record MemberExited(Member Member) : IMemberEvent;

/// <summary>A member is Down.</summary>
public sealed record MemberDowned(Member Member) : IMemberEvent;

/// <summary>A member was removed; <paramref name="Member"/> has status Removed.</summary>
/// <param name="Member">The member, with status <see cref="MemberStatus.Removed"/>.</param>
/// <param name="PreviousStatus">Its status before removal.</param>
public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : IMemberEvent;

/// <summary>Reachability of a member changed, as this node sees it.</summary>
public interface IReachabilityEvent : IClusterDomainEvent
{
    /// <summary>The member.</summary>
    Member Member { get; }
}

/// <summary>A member became unreachable (some non-Down observer suspects it).</summary>
public sealed record UnreachableMember(Member Member) : IReachabilityEvent;

/// <summary>A member that was unreachable is reachable again.</summary>
public sealed record ReachableMember(Member Member) : IReachabilityEvent;

/// <summary>The leader changed (null: no leader).</summary>
public sealed record LeaderChanged(Akka.Actor.Address? Leader) : IClusterDomainEvent;

/// <summary>The leader among members with <paramref name="Role"/> changed (null: none).</summary>
public sealed record RoleLeaderChanged(string Role, Akka.Actor.Address? Leader) : IClusterDomainEvent;

/// <summary>This node's view became converged, or stopped being converged.</summary>
public sealed record ConvergenceChanged(bool IsConverged) : IClusterDomainEvent;

/// <summary>The cluster extension on this node is shutting down.</summary>
public sealed record ClusterShuttingDown : IClusterDomainEvent
{
    /// <summary>The single instance.</summary>
    public static ClusterShuttingDown Instance { get; } = new();
}

/// <summary>How a new subscriber learns the current state.</summary>
public enum InitialStateMode
{
    /// <summary>One <see cref="CurrentClusterState"/> first.</summary>
    AsSnapshot,

    /// <summary>The events that lead from an empty cluster to the current state first.</summary>
    AsEvents,
}

/// <summary>
/// Another member's key/value entry changed in this node's view (written, overwritten, deleted, or
/// gone with its removed owner); <see cref="ClusterGossip.GetState{T}"/> already shows the change.
/// </summary>
/// <param name="Owner">The member whose entry changed.</param>
/// <param name="Key">The key.</param>
public sealed record GossipStateChanged(UniqueAddress Owner, string Key) : IClusterDomainEvent;
