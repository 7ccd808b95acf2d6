using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Wire;

/// <summary>Maps a <see cref="Gossip"/> to its wire shape and back, validating everything that comes in.</summary>
internal static class GossipWireMapper
{
    public static WireGossip ToWire(Gossip gossip)
    {
        var nodes = new List<UniqueAddress>();
        var index = new Dictionary<UniqueAddress, int>();
        int IndexOf(UniqueAddress node)
        {
            if (!index.TryGetValue(node, out var i))
            {
                i = nodes.Count;
                index[node] = i;
                nodes.Add(node);
            }

            return i;
        }

        foreach (var member in gossip.Members)
        {
            IndexOf(member.UniqueAddress);
        }

        foreach (var node in gossip.Tombstones.Keys)
        {
            IndexOf(node);
        }

        // Every node is in the table before the table is written: in a whole gossip these are all
        // members already, in the partial gossip of a delta they need not be.
        foreach (var record in gossip.Reachability.Records)
        {
            IndexOf(record.Observer);
            IndexOf(record.Subject);
        }

        foreach (var observer in gossip.Reachability.Versions.Keys)
        {
            IndexOf(observer);
        }

        var roles = gossip.Members.SelectMany(m => m.Roles).Distinct().Order(StringComparer.Ordinal).ToArray();
        var roleIndex = roles.Select((role, i) => (role, i)).ToDictionary(x => x.role, x => x.i, StringComparer.Ordinal);
        var clockIdToNode = nodes.Select((node, i) => (node.ClockNodeId, i)).ToDictionary(x => x.ClockNodeId, x => x.i, StringComparer.Ordinal);
        var memberClock = gossip.Version.Versions.Where(e => clockIdToNode.ContainsKey(e.Key)).ToList();
        var otherClock = gossip.Version.Versions.Where(e => !clockIdToNode.ContainsKey(e.Key)).ToList();
        var records = gossip.Reachability.Records.ToList();
        var first = nodes.Count > 0 ? nodes[0].Address : null;

        return new WireGossip
        {
            Protocol = first?.Protocol ?? string.Empty,
            System = first?.System ?? string.Empty,
            Hosts = nodes.Select(n => n.Address.Host ?? string.Empty).ToArray(),
            Ports = nodes.Select(n => n.Address.Port ?? 0).ToArray(),
            Uids = nodes.Select(n => n.Uid).ToArray(),
            Roles = roles,
            MemberNodes = gossip.Members.Select(m => index[m.UniqueAddress]).ToArray(),
            MemberStatuses = gossip.Members.Select(m => (byte)m.Status).ToArray(),
            MemberUpNumbers = gossip.Members.Select(m => m.UpNumber).ToArray(),
            MemberRoleCounts = gossip.Members.Select(m => m.Roles.Count).ToArray(),
            MemberRoleIndexes = gossip.Members.SelectMany(m => m.Roles.Select(r => roleIndex[r]).Order()).ToArray(),
            SeenNodes = gossip.Seen.Select(n => index[n]).Order().ToArray(),
            ReachabilityObservers = gossip.Reachability.Versions.Keys.Select(IndexOf).ToArray(),
            ReachabilityVersions = gossip.Reachability.Versions.Values.ToArray(),
            RecordObservers = records.Select(r => IndexOf(r.Observer)).ToArray(),
            RecordSubjects = records.Select(r => IndexOf(r.Subject)).ToArray(),
            RecordStatuses = records.Select(r => (byte)r.Status).ToArray(),
            RecordVersions = records.Select(r => r.Version).ToArray(),
            ClockNodes = memberClock.Select(e => clockIdToNode[e.Key]).ToArray(),
            ClockCounters = memberClock.Select(e => e.Value).ToArray(),
            ClockOtherIds = otherClock.Select(e => e.Key).ToArray(),
            ClockOtherCounters = otherClock.Select(e => e.Value).ToArray(),
            TombstoneNodes = gossip.Tombstones.Keys.Select(n => index[n]).ToArray(),
            TombstoneTimes = gossip.Tombstones.Values.ToArray(),
        };
    }

    public static Gossip FromWire(WireGossip wire)
    {
        Require(wire.Hosts is not null && wire.Ports is not null && wire.Uids is not null, "node table missing");
        Require(wire.Hosts!.Length == wire.Ports!.Length && wire.Hosts.Length == wire.Uids!.Length, "node table lengths differ");
        var nodes = new UniqueAddress[wire.Hosts.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new UniqueAddress(new Address(wire.Protocol ?? string.Empty, wire.System ?? string.Empty, wire.Hosts[i], wire.Ports[i]), wire.Uids![i]);
        }

        UniqueAddress Node(int i)
        {
            Require(i >= 0 && i < nodes.Length, $"node index {i} out of range");
            return nodes[i];
        }

        var roles = wire.Roles ?? [];
        SameLength(wire.MemberNodes, wire.MemberStatuses?.Length, wire.MemberUpNumbers?.Length, wire.MemberRoleCounts?.Length, "members");
        var roleIndexes = wire.MemberRoleIndexes ?? [];
        var roleCounts = wire.MemberRoleCounts!;
        Require(roleCounts.All(c => c >= 0) && roleCounts.Sum(c => (long)c) == roleIndexes.Length, "role counts do not match role indexes");
        var members = ImmutableSortedSet.CreateBuilder<Member>();
        var nextRole = 0;
        for (var i = 0; i < wire.MemberNodes.Length; i++)
        {
            var status = (MemberStatus)wire.MemberStatuses![i];
            Require(Enum.IsDefined(status) && status != MemberStatus.Removed, $"invalid member status {wire.MemberStatuses[i]}");
            var memberRoles = roleIndexes.Skip(nextRole).Take(roleCounts[i]).Select(r =>
            {
                Require(r >= 0 && r < roles.Length, $"role index {r} out of range");
                return roles[r];
            }).ToList();
            nextRole += roleCounts[i];
            var upNumber = wire.MemberUpNumbers![i];
            Require(upNumber > 0, $"invalid up-number {upNumber}");
            Require(members.Add(Member.Restore(Node(wire.MemberNodes[i]), status, memberRoles, upNumber)), "duplicate member");
        }

        SameLength(wire.ReachabilityObservers, wire.ReachabilityVersions?.Length, null, null, "reachability versions");
        SameLength(wire.RecordObservers, wire.RecordSubjects?.Length, wire.RecordStatuses?.Length, wire.RecordVersions?.Length, "reachability records");
        var records = new List<ReachabilityRecord>(wire.RecordObservers.Length);
        for (var i = 0; i < wire.RecordObservers.Length; i++)
        {
            var status = (ReachabilityStatus)wire.RecordStatuses![i];
            Require(Enum.IsDefined(status), $"invalid reachability status {wire.RecordStatuses[i]}");
            records.Add(new ReachabilityRecord(Node(wire.RecordObservers[i]), Node(wire.RecordSubjects![i]), status, wire.RecordVersions![i]));
        }

        var versions = wire.ReachabilityObservers.Select((o, i) => new KeyValuePair<UniqueAddress, long>(Node(o), wire.ReachabilityVersions![i]));
        SameLength(wire.ClockNodes, wire.ClockCounters?.Length, null, null, "clock");
        SameLength(wire.ClockOtherIds, wire.ClockOtherCounters?.Length, null, null, "clock (other ids)");
        SameLength(wire.TombstoneNodes, wire.TombstoneTimes?.Length, null, null, "tombstones");
        try
        {
            var clock = VectorClock.From(
                wire.ClockNodes.Select((n, i) => new KeyValuePair<string, long>(Node(n).ClockNodeId, wire.ClockCounters![i]))
                    .Concat(wire.ClockOtherIds.Select((id, i) => new KeyValuePair<string, long>(id ?? string.Empty, wire.ClockOtherCounters![i]))));
            var tombstones = wire.TombstoneNodes
                .Select((n, i) => new KeyValuePair<UniqueAddress, long>(Node(n), wire.TombstoneTimes![i]))
                .ToImmutableSortedDictionary();
            var memberSet = members.ToImmutable();
            var seen = (wire.SeenNodes ?? []).Select(Node).ToImmutableHashSet();
            return new Gossip(memberSet, seen, Reachability.From(records, versions), clock, tombstones);
        }
        catch (ArgumentException e)
        {
            throw new WireFormatException($"Invalid gossip: {e.Message}", e);
        }
    }

    private static void SameLength<T>(T[]? first, int? second, int? third, int? fourth, string what)
    {
        Require(first is not null && second is not null, $"{what} missing");
        var length = first!.Length;
        Require(second == length && (third is null || third == length) && (fourth is null || fourth == length), $"{what} arrays differ in length");
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new WireFormatException($"Invalid gossip: {problem}.");
        }
    }
}
