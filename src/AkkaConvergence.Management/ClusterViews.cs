namespace AkkaConvergence.Management;

/// <summary>Turns the extension's current view into the JSON shapes of the endpoints.</summary>
internal static class ClusterViews
{
    public static ClusterMembersResponse Members(ConvergenceCluster cluster)
    {
        var state = cluster.State;
        var observers = cluster.UnreachableObservers;
        var unreachable = state.Unreachable.Select(m => m.UniqueAddress).ToHashSet();
        var oldest = state.Members.Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting)
            .Order(AkkaConvergence.Member.AgeOrdering)
            .FirstOrDefault();
        return new ClusterMembersResponse(
            cluster.SelfAddress.ToString(),
            cluster.SelfMember.Status.ToString(),
            state.Leader?.ToString(),
            oldest?.Address.ToString(),
            state.IsConverged,
            cluster.UnconvergedSince,
            [.. state.Members.Select(m => ToResponse(m, !unreachable.Contains(m.UniqueAddress)))],
            [.. state.Unreachable.OrderBy(m => m, Comparer<Member>.Default).Select(m => new UnreachableResponse(
                m.Address.ToString(),
                [.. observers.GetValueOrDefault(m.UniqueAddress, []).Select(o => o.Address.ToString())]))],
            [.. state.SeenBy.Select(a => a.ToString()).Order(StringComparer.Ordinal)],
            state.RoleLeaderMap.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString(), StringComparer.Ordinal));
    }

    public static MemberResponse ToResponse(Member member, bool reachable) => new(
        member.Address.ToString(),
        member.UniqueAddress.Uid,
        member.Status.ToString(),
        [.. member.Roles.Order(StringComparer.Ordinal)],
        member.UpNumber == int.MaxValue ? null : member.UpNumber,
        reachable);

    /// <summary>
    /// The member an address in a route names: the full address (<c>akka.tcp://sys@host:port</c>,
    /// URL-encoded or not) or its <c>sys@host:port</c> part, as Akka.Management accepts either.
    /// </summary>
    public static AkkaConvergence.Member? Find(ConvergenceCluster cluster, string address)
    {
        var wanted = Uri.UnescapeDataString(address);
        return cluster.State.Members.FirstOrDefault(m =>
        {
            var full = m.Address.ToString();
            return full == wanted || full.EndsWith($"://{wanted}", StringComparison.Ordinal);
        });
    }
}
