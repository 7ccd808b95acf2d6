using System.Collections.Immutable;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol.Downing;

/// <summary>
/// The membership as a downing strategy sees it from one node: which members are on this side
/// (reachable) and which on the other (unreachable), and which of them count for the decision
/// (Up or Leaving, with the configured role).
/// </summary>
internal sealed class DowningView
{
    public DowningView(ImmutableSortedSet<Member> members, ImmutableSortedSet<UniqueAddress> unreachable, string role)
    {
        Members = members;
        Unreachable = unreachable;
        Reachable = members.Select(m => m.UniqueAddress).Where(n => !unreachable.Contains(n)).ToImmutableSortedSet();
        Counted = members
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving && (role.Length == 0 || m.HasRole(role)))
            .ToImmutableSortedSet();
    }

    public ImmutableSortedSet<Member> Members { get; }

    public ImmutableSortedSet<UniqueAddress> Unreachable { get; }

    public ImmutableSortedSet<UniqueAddress> Reachable { get; }

    /// <summary>The members the strategy counts: Up or Leaving, with the role if one is configured.</summary>
    public ImmutableSortedSet<Member> Counted { get; }

    public int CountedReachable => Counted.Count(m => !Unreachable.Contains(m.UniqueAddress));

    public int CountedUnreachable => Counted.Count(m => Unreachable.Contains(m.UniqueAddress));

    public bool IsReachable(Member member) => !Unreachable.Contains(member.UniqueAddress);

    /// <summary>The view from self: unreachable = members some non-Down observer marks unreachable (never self).</summary>
    public static DowningView Of(MembershipState membership, string role) => new(
        membership.Members,
        membership.UnreachableMembers.Select(m => m.UniqueAddress).ToImmutableSortedSet(),
        role);
}
