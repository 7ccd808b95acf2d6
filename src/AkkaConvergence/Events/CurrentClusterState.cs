using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence;

/// <summary>A snapshot of this node's view of the cluster.</summary>
/// <param name="Members">Members in address order (never Removed ones).</param>
/// <param name="Unreachable">Members some non-Down observer marks unreachable; never this node itself.</param>
/// <param name="SeenBy">Addresses known to have seen the current version.</param>
/// <param name="Leader">The leader's address, if any.</param>
/// <param name="RoleLeaderMap">The leader per role.</param>
/// <param name="IsConverged">Whether this node's view is converged.</param>
public sealed record CurrentClusterState(
    ImmutableSortedSet<Member> Members,
    ImmutableHashSet<Member> Unreachable,
    ImmutableHashSet<Address> SeenBy,
    Address? Leader,
    ImmutableDictionary<string, Address?> RoleLeaderMap,
    bool IsConverged)
{
    /// <summary>The state before joining: no members, no leader, not converged.</summary>
    public static CurrentClusterState Empty { get; } = new([], [], [], null, ImmutableDictionary<string, Address?>.Empty, false);

    /// <summary>The leader among members with <paramref name="role"/>, if any.</summary>
    public Address? RoleLeader(string role) => RoleLeaderMap.GetValueOrDefault(role);

    /// <summary>The snapshot of <paramref name="membership"/>.</summary>
    internal static CurrentClusterState From(MembershipState membership, bool isConverged)
    {
        var gossip = membership.LatestGossip;
        if (gossip.Members.IsEmpty)
        {
            return Empty;
        }

        return new CurrentClusterState(
            gossip.Members,
            membership.UnreachableMembers.ToImmutableHashSet(),
            gossip.Seen.Select(n => n.Address).ToImmutableHashSet(),
            membership.Leader?.Address,
            membership.AllRoles.ToImmutableDictionary(role => role, role => membership.RoleLeader(role)?.Address, StringComparer.Ordinal),
            isConverged);
    }
}
