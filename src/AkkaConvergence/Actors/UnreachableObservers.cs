using System.Collections.Immutable;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Actors;

/// <summary>Who observes whom unreachable in a view, from the same reachability table the state's Unreachable set comes from.</summary>
internal static class UnreachableObservers
{
    public static ImmutableDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>> Of(MembershipState membership) =>
        membership.ReachabilityExcludingDownedObservers.Records
            .Where(record => record.Status != ReachabilityStatus.Reachable && record.Subject != membership.Self)
            .GroupBy(record => record.Subject)
            .ToImmutableDictionary(group => group.Key, group => group.Select(record => record.Observer).ToImmutableSortedSet());
}
