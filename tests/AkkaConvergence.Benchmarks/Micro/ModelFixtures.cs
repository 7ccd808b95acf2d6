using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Benchmarks.Micro;

/// <summary>Realistic gossips and clocks of a given size for the micro-benchmarks.</summary>
internal static class ModelFixtures
{
    public static UniqueAddress[] Nodes(int count, Func<long>? uid = null) =>
        Enumerable.Range(0, count).Select(i => new UniqueAddress(new Address("akka.tcp", "bench", $"10.1.{i / 250}.{i % 250}", 4053), uid?.Invoke() ?? 1_000_003L * (i + 1))).ToArray();

    /// <summary>All members Up and seen; three nodes have made changes.</summary>
    public static Gossip Converged(int members, Func<long>? uid = null)
    {
        var nodes = Nodes(members, uid);
        var gossip = Gossip.Create(nodes.Select((n, i) => Member.Joining(n, []).MovedUp(i + 1)));
        gossip = nodes.Take(3).Aggregate(gossip, (g, n) => g.Increment(n));
        return nodes.Aggregate(gossip, (g, n) => g.MarkSeen(n));
    }

    /// <summary>Two concurrent versions of <paramref name="members"/> members: each side moved a different member on.</summary>
    public static (Gossip Left, Gossip Right) Concurrent(int members)
    {
        var nodes = Nodes(members);
        var start = Converged(members);
        var left = start.Update(start.GetMember(nodes[^1]).WithStatus(MemberStatus.Leaving)).Increment(nodes[0]);
        var right = start.Update(start.GetMember(nodes[^2]).WithStatus(MemberStatus.Down)).Increment(nodes[1]);
        return (left, right);
    }

    public static VectorClock Clock(int entries, int offset) =>
        Enumerable.Range(0, entries).Aggregate(VectorClock.Empty, (clock, i) => Enumerable.Range(0, 1 + ((i + offset) % 3)).Aggregate(clock, (c, _) => c.Increment($"node-{i:D5}")));
}
