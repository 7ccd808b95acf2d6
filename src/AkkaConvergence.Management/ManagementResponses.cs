namespace AkkaConvergence.Management;

/// <summary>A member as <c>GET /cluster/members</c> shows it.</summary>
/// <param name="Node">The address, e.g. <c>akka.tcp://orders@127.0.0.1:4053</c>.</param>
/// <param name="NodeUid">The incarnation's uid.</param>
/// <param name="Status">Joining, WeaklyUp, Up, Leaving, Exiting or Down.</param>
/// <param name="Roles">The member's roles.</param>
/// <param name="UpNumber">The order in which it went Up (1 = oldest); null until it is Up.</param>
/// <param name="Reachable">False when some member observes it unreachable.</param>
public sealed record MemberResponse(string Node, long NodeUid, string Status, IReadOnlyList<string> Roles, int? UpNumber, bool Reachable);

/// <summary>An unreachable member and who observes it so (the rows of the reachability matrix).</summary>
/// <param name="Node">The unreachable member.</param>
/// <param name="ObservedBy">The members that cannot reach it.</param>
public sealed record UnreachableResponse(string Node, IReadOnlyList<string> ObservedBy);

/// <summary>The answer of <c>GET /cluster/members</c>: this node's view.</summary>
/// <param name="SelfNode">The node that answered.</param>
/// <param name="SelfStatus">Its own status (Removed before it joined and after it left).</param>
/// <param name="Leader">The leader, if any.</param>
/// <param name="Oldest">The oldest member that went Up (Up, Leaving or Exiting), if any.</param>
/// <param name="Converged">Whether the view is converged.</param>
/// <param name="UnconvergedSince">Since when it has not been converged (UTC), if not.</param>
/// <param name="Members">Members in address order.</param>
/// <param name="Unreachable">Unreachable members with their observers.</param>
/// <param name="SeenBy">Nodes that have seen the current version.</param>
/// <param name="RoleLeaders">The leader per role.</param>
public sealed record ClusterMembersResponse(
    string SelfNode,
    string SelfStatus,
    string? Leader,
    string? Oldest,
    bool Converged,
    DateTimeOffset? UnconvergedSince,
    IReadOnlyList<MemberResponse> Members,
    IReadOnlyList<UnreachableResponse> Unreachable,
    IReadOnlyList<string> SeenBy,
    IReadOnlyDictionary<string, string?> RoleLeaders);

/// <summary>One cluster event as this node published it.</summary>
/// <param name="At">When this node published it (UTC).</param>
/// <param name="Type">The event type, e.g. MemberUp, UnreachableMember, LeaderChanged.</param>
/// <param name="Node">The member (or new leader) it is about, if any.</param>
/// <param name="Detail">More: the role of a role leader, the previous status of a removed member, the convergence.</param>
public sealed record ClusterEventResponse(DateTimeOffset At, string Type, string? Node, string? Detail);

/// <summary>The answer to a leave or down request, or an error.</summary>
/// <param name="Message">What was done, or why not.</param>
public sealed record OperationResponse(string Message);

/// <summary>The body of <c>PUT /cluster/members/{address}</c>.</summary>
/// <param name="Operation"><c>leave</c> or <c>down</c> (any case).</param>
public sealed record MemberOperationRequest(string? Operation);
