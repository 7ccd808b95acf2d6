using Akka.Actor;

namespace AkkaConvergence.Events;

/// <summary>
/// The events between two snapshots of this node's view, in publication order: member events,
/// unreachable, reachable, leader, role leaders, convergence. Pure, so the publisher is a thin
/// shell and subscribers replaying "as events" get the same events as live ones.
/// </summary>
internal static class ClusterEventDiff
{
    public static IReadOnlyList<IClusterDomainEvent> Between(CurrentClusterState before, CurrentClusterState after, Address self)
    {
        var events = new List<IClusterDomainEvent>();
        var previous = before.Members.ToDictionary(m => m.UniqueAddress);
        foreach (var member in after.Members)
        {
            var isNew = !previous.TryGetValue(member.UniqueAddress, out var old);
            if ((isNew || old!.Status != member.Status) && StatusEvent(member) is { } changed)
            {
                events.Add(changed);
            }
        }

        var current = after.Members.Select(m => m.UniqueAddress).ToHashSet();
        events.AddRange(before.Members
            .Where(m => !current.Contains(m.UniqueAddress))
            .Select(m => new MemberRemoved(Member.Removed(m.UniqueAddress, m.Roles), m.Status)));

        var wasUnreachable = before.Unreachable.Select(m => m.UniqueAddress).ToHashSet();
        var isUnreachable = after.Unreachable.Select(m => m.UniqueAddress).ToHashSet();
        events.AddRange(after.Unreachable.Where(m => !wasUnreachable.Contains(m.UniqueAddress) && m.Address != self)
            .OrderBy(m => m).Select(m => new UnreachableMember(m)));
        events.AddRange(after.Members.Where(m => wasUnreachable.Contains(m.UniqueAddress) && !isUnreachable.Contains(m.UniqueAddress))
            .Select(m => new ReachableMember(m)));

        if (before.Leader != after.Leader)
        {
            events.Add(new LeaderChanged(after.Leader));
        }

        foreach (var role in before.RoleLeaderMap.Keys.Union(after.RoleLeaderMap.Keys).Order(StringComparer.Ordinal))
        {
            var leader = after.RoleLeader(role);
            if (before.RoleLeader(role) != leader)
            {
                events.Add(new RoleLeaderChanged(role, leader));
            }
        }

        if (before.IsConverged != after.IsConverged)
        {
            events.Add(new ConvergenceChanged(after.IsConverged));
        }

        return events;
    }

    /// <summary>The events that lead from nothing to <paramref name="state"/> (for subscribers "as events").</summary>
    public static IReadOnlyList<IClusterDomainEvent> Replay(CurrentClusterState state)
    {
        var events = new List<IClusterDomainEvent>();
        events.AddRange(state.Members.Select(StatusEvent).OfType<IClusterDomainEvent>());
        events.AddRange(state.Unreachable.OrderBy(m => m).Select(m => new UnreachableMember(m)));
        events.Add(new LeaderChanged(state.Leader));
        events.AddRange(state.RoleLeaderMap.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new RoleLeaderChanged(kv.Key, kv.Value)));
        events.Add(new ConvergenceChanged(state.IsConverged));
        return events;
    }

    private static IMemberEvent? StatusEvent(Member member) => member.Status switch
    {
        MemberStatus.Joining => new MemberJoined(member),
        MemberStatus.WeaklyUp => new MemberWeaklyUp(member),
        MemberStatus.Up => new MemberUp(member),
        MemberStatus.Leaving => new MemberLeft(member),
        MemberStatus.Exiting => new MemberExited(member),
        MemberStatus.Down => new MemberDowned(member),
        _ => null,
    };
}
