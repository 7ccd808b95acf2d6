using System.Collections.Immutable;
using AkkaConvergence.Membership;
using FsCheck.Fluent;
using FsCheck;

namespace AkkaConvergence.Tests.Membership;

/// <summary>
/// FsCheck generators for the membership model over a small universe of nodes, so that
/// generated values overlap often enough for merges to meet the interesting cases.
/// </summary>
public static class ModelArbitraries
{
    private static readonly string[] ClockIds = ["a", "b", "c", "d"];

    /// <summary>Six nodes; the last two are the only ones that ever appear as tombstones.</summary>
    internal static readonly UniqueAddress[] Universe =
    [
        TestNodes.Node("h1"), TestNodes.Node("h2"), TestNodes.Node("h3"),
        TestNodes.Node("h4"), TestNodes.Node("h5"), TestNodes.Node("h6"),
    ];

    private static readonly MemberStatus[] StoredStatuses =
        [MemberStatus.Joining, MemberStatus.WeaklyUp, MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Exiting, MemberStatus.Down];

    public static Arbitrary<VectorClock> Clocks() => Arb.From(ClockGen(ClockIds));

    public static Arbitrary<UniqueAddress> UniqueAddresses() =>
        Arb.From(
            from host in Gen.Elements("a", "b", "B", "c")
            from port in Gen.Choose(1, 3)
            from uid in Gen.Choose(1, 3)
            select TestNodes.Node(host, uid, port));

    /// <summary>Gossip is internal, so properties take it through Prop.ForAll rather than as parameters.</summary>
    internal static Arbitrary<Gossip> Gossips { get; } = Arb.From(GossipGen());

    private static Gen<VectorClock> ClockGen(string[] ids) =>
        Gen.Choose(0, 3).ArrayOf(ids.Length).Select(counters =>
            VectorClock.From(ids.Zip(counters).Where(p => p.Second > 0).Select(p => new KeyValuePair<string, long>(p.First, p.Second))));

    private static Gen<Gossip> GossipGen() =>
        from present in Gen.Elements(true, false).ArrayOf(Universe.Length)
        from statuses in Gen.Elements(StoredStatuses).ArrayOf(Universe.Length)
        from upNumbers in Gen.Elements(1, 2, 3, int.MaxValue).ArrayOf(Universe.Length)
        from tombstoned in Gen.Elements(0L, 0L, 10L, 20L).ArrayOf(2)
        from observerVersions in Gen.Choose(0, 3).ArrayOf(Universe.Length)
        from clock in ClockGen(Universe.Select(n => n.ClockNodeId).ToArray())
        from seenMask in Gen.Elements(true, false).ArrayOf(Universe.Length)
        select BuildGossip(present, statuses, upNumbers, tombstoned, observerVersions, clock, seenMask);

    private static Gossip BuildGossip(
        bool[] present, MemberStatus[] statuses, int[] upNumbers, long[] tombstoned, int[] observerVersions, VectorClock clock, bool[] seenMask)
    {
        var tombstones = ImmutableSortedDictionary.CreateRange(
            tombstoned.Select((at, i) => (at, node: Universe[4 + i])).Where(t => t.at > 0)
                .Select(t => new KeyValuePair<UniqueAddress, long>(t.node, t.at)));
        // Rows are a fixed function of (observer, version): two gossips that carry the same
        // observer version then carry the same rows, as they do in a real cluster. A gossip that
        // carries an observer's rows also knows every subject in them, unless it removed it.
        bool IsPresent(int i) => present[i] && !tombstones.ContainsKey(Universe[i]);
        var versions = Universe.Select((node, i) => (node, version: (long)observerVersions[i]))
            .Where((x, i) => x.version > 0 && IsPresent(i)).ToList();
        var records = versions.SelectMany(x => RowsOf(x.node, x.version)).Where(r => !tombstones.ContainsKey(r.Subject)).ToList();
        var nodes = Universe.Where((node, i) => IsPresent(i)).Concat(records.Select(r => r.Subject)).ToHashSet();
        var members = Universe
            .Select((node, i) => (node, i))
            .Where(x => nodes.Contains(x.node))
            .Select(x => TestMembers.InStatus(x.node, statuses[x.i], upNumbers[x.i]))
            .ToImmutableSortedSet();
        var reachability = Reachability.From(records, versions.Select(x => new KeyValuePair<UniqueAddress, long>(x.node, x.version)));

        var memberClockIds = nodes.Select(n => n.ClockNodeId).ToHashSet();
        var version = clock.Versions.Keys.Where(id => !memberClockIds.Contains(id)).Aggregate(clock, (c, id) => c.Prune(id));
        var seen = Universe.Where((node, i) => seenMask[i] && nodes.Contains(node)).ToImmutableHashSet();
        return new Gossip(members, seen, reachability, version, tombstones);
    }

    private static IEnumerable<ReachabilityRecord> RowsOf(UniqueAddress observer, long version)
    {
        var observerIndex = Array.IndexOf(Universe, observer);
        for (var subjectIndex = 0; subjectIndex < Universe.Length; subjectIndex++)
        {
            if (subjectIndex != observerIndex && (observerIndex + subjectIndex + version) % 3 == 0)
            {
                var status = (observerIndex * version) % 4 == 3 ? ReachabilityStatus.Terminated : ReachabilityStatus.Unreachable;
                yield return new ReachabilityRecord(observer, Universe[subjectIndex], status, version);
            }
        }
    }
}
