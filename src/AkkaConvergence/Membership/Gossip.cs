using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace AkkaConvergence.Membership;

/// <summary>
/// One version of the cluster's membership as gossiped between nodes: the members, who has seen
/// this version, the reachability table, the vector clock, and removal tombstones.
/// </summary>
/// <remarks>
/// Tombstones (removed incarnation → removal time in milliseconds) make removal final: a merge
/// never brings back a tombstoned member, however late the other side is. Akka.NET instead
/// infers removal from a Down/Exiting status on one side only, which lets a lagging peer
/// resurrect a removed member (akka.net #8467).
/// </remarks>
internal sealed class Gossip
{
    private ImmutableDictionary<UniqueAddress, Member>? _membersByNode;

    public Gossip(
        ImmutableSortedSet<Member> members,
        ImmutableHashSet<UniqueAddress> seen,
        Reachability reachability,
        VectorClock version,
        ImmutableSortedDictionary<UniqueAddress, long> tombstones)
    {
        Members = members;
        Seen = seen;
        Reachability = reachability;
        Version = version;
        Tombstones = tombstones;
    }

    public static Gossip Empty { get; } = new([], [], Reachability.Empty, VectorClock.Empty, ImmutableSortedDictionary<UniqueAddress, long>.Empty);

    /// <summary>The members in member (address) order; never one with status Removed.</summary>
    public ImmutableSortedSet<Member> Members { get; }

    /// <summary>The nodes known to have seen exactly this version.</summary>
    public ImmutableHashSet<UniqueAddress> Seen { get; }

    public Reachability Reachability { get; }

    public VectorClock Version { get; }

    /// <summary>Removed incarnations and when they were removed (milliseconds on the remover's clock).</summary>
    public ImmutableSortedDictionary<UniqueAddress, long> Tombstones { get; }

    public bool IsSingletonCluster => Members.Count == 1;

    /// <remarks>
    /// Values compare by reference: members are equal by address alone, and with that comparer
    /// <c>SetItem</c> would keep the old member of a node whose status changed.
    /// </remarks>
    private ImmutableDictionary<UniqueAddress, Member> MembersByNode =>
        _membersByNode ??= Members.ToImmutableDictionary(m => m.UniqueAddress, m => m, EqualityComparer<UniqueAddress>.Default, MembersByReference);

    private static readonly IEqualityComparer<Member> MembersByReference = ReferenceEqualityComparer.Instance;

    /// <summary>
    /// The seen-set "every member" of each member set, shared: each node used to build its own from
    /// the digests that completed it, N sets of N entries once a version had spread (a join into
    /// 10,000 simulated nodes held 5.7 GB in its steady state).
    /// </summary>
    private static readonly ConditionalWeakTable<ImmutableSortedSet<Member>, ImmutableHashSet<UniqueAddress>> SeenByAllSets = new();

    public static Gossip Create(IEnumerable<Member> members) =>
        Empty.With(members: members.ToImmutableSortedSet());

    public bool HasMember(UniqueAddress node) => MembersByNode.ContainsKey(node);

    public bool TryGetMember(UniqueAddress node, out Member member) => MembersByNode.TryGetValue(node, out member!);

    /// <summary>The member, or a placeholder with status Removed for a node that is not a member.</summary>
    public Member GetMember(UniqueAddress node) => MembersByNode.GetValueOrDefault(node) ?? Member.Removed(node);

    public bool HasSeen(UniqueAddress node) => Seen.Contains(node);

    /// <summary>Whether every member has seen this version (the seen-set holds only members).</summary>
    public bool IsSeenByAll => Seen.Count == Members.Count;

    /// <summary>This version with its clock entry for <paramref name="node"/> advanced (a local change).</summary>
    public Gossip Increment(UniqueAddress node) => With(version: Version.Increment(node.ClockNodeId));

    /// <summary>Adds <paramref name="node"/> to the seen-set (members only; others cannot have seen a version).</summary>
    public Gossip MarkSeen(UniqueAddress node) =>
        Seen.Contains(node) || !HasMember(node) ? this : WithSeenOfMembers(Seen.Add(node));

    public Gossip OnlySeen(UniqueAddress node) => With(seen: HasMember(node) ? [node] : []);

    public Gossip ClearSeen() => Seen.IsEmpty ? this : With(seen: []);

    /// <summary>Unions the seen-sets of two copies of the same version, keeping only members.</summary>
    public Gossip MergeSeen(Gossip other)
    {
        if (ReferenceEquals(Seen, other.Seen) || other.Seen.IsEmpty)
        {
            return this;
        }

        if (!ReferenceEquals(Members, other.Members))
        {
            return MergeSeen(other.Seen);
        }

        // The same member set (shared): every entry of theirs is a member, no check needed; and the
        // smaller set goes into the larger one.
        var seen = Seen.Count >= other.Seen.Count ? Seen.Union(other.Seen) : other.Seen.Union(Seen);
        return seen.Count == Seen.Count ? this : WithSeenOfMembers(seen);
    }

    /// <summary>Adds every member among <paramref name="nodes"/> to the seen-set.</summary>
    public Gossip MergeSeen(IEnumerable<UniqueAddress> nodes)
    {
        var seen = Seen.Union(nodes.Where(HasMember));
        return seen.Count == Seen.Count ? this : WithSeenOfMembers(seen);
    }

    /// <summary>Replaces (or adds) members; a member is identified by its unique address.</summary>
    public Gossip Update(IEnumerable<Member> changed)
    {
        var (members, index) = (Members, MembersByNode);
        foreach (var member in changed)
        {
            if (member.Status == MemberStatus.Removed)
            {
                throw new ArgumentException($"A Removed member cannot be put into a gossip: {member}.", nameof(changed));
            }

            members = members.Remove(member).Add(member);
            index = index.SetItem(member.UniqueAddress, member);
        }

        return With(members: members).WithIndex(index);
    }

    /// <summary>
    /// This gossip with <paramref name="changed"/> members put in, <paramref name="removed"/> taken
    /// out, the other parts replaced and nobody seen: what applying a delta gives. The member index
    /// follows in O(k log N) and shares its tree with this one's, where rebuilding it would cost
    /// O(N) per node and version (and, in a simulator of 10,000 nodes, gigabytes).
    /// </summary>
    public Gossip WithChanges(
        IEnumerable<Member> changed,
        IEnumerable<UniqueAddress> removed,
        Reachability reachability,
        VectorClock version,
        ImmutableSortedDictionary<UniqueAddress, long> tombstones)
    {
        var (members, index) = (Members, MembersByNode);
        var (changedList, removedList) = (changed.ToList(), removed.ToList());
        foreach (var node in removedList)
        {
            members = members.Remove(Member.Removed(node));
            index = index.Remove(node);
        }

        foreach (var member in changedList)
        {
            members = members.Remove(member).Add(member);
            index = index.SetItem(member.UniqueAddress, member);
        }

        (members, index) = SharedMemberSets.Share(Members, changedList, removedList, members, index);
        return new Gossip(members, [], reachability, version, tombstones).WithIndex(index);
    }

    /// <summary>Gives a gossip just built here (never one already handed out) the member index its builder kept up to date.</summary>
    private Gossip WithIndex(ImmutableDictionary<UniqueAddress, Member> index)
    {
        _membersByNode = index;
        return this;
    }

    public Gossip Update(Member changed) => Update([changed]);

    /// <summary>Marks the member Down; a Down member no longer needs to see versions.</summary>
    public Gossip MarkAsDown(Member member) =>
        Update(member.WithStatus(MemberStatus.Down)).With(seen: Seen.Remove(member.UniqueAddress));

    public Gossip WithReachability(Reachability reachability) => With(reachability: reachability);

    /// <summary>
    /// Removes the member for good: out of members, seen and reachability, its clock entry pruned,
    /// and a tombstone stamped <paramref name="nowMillis"/> so no merge can bring it back.
    /// </summary>
    public Gossip Remove(UniqueAddress node, long nowMillis)
    {
        var member = GetMember(node);
        return With(
            members: Members.Remove(member),
            seen: Seen.Remove(node),
            reachability: Reachability.Remove([node]),
            version: Version.Prune(node.ClockNodeId),
            tombstones: Tombstones.SetItem(node, Math.Max(nowMillis, Tombstones.GetValueOrDefault(node))));
    }

    /// <summary>Forgets the tombstones of <paramref name="expired"/> (see <c>Protocol.TombstoneAges</c> for when).</summary>
    public Gossip PruneTombstones(IReadOnlyCollection<UniqueAddress> expired) =>
        expired.Count == 0 ? this : With(tombstones: Tombstones.RemoveRange(expired));

    /// <summary>
    /// Combines two concurrent versions: clocks by pointwise max, each member at the status
    /// furthest along, tombstones unioned (and applied to members, clock and reachability),
    /// reachability merged per observer. Nobody has seen the result, so the seen-set is empty.
    /// Commutative, associative and idempotent on everything but the seen-set.
    /// </summary>
    public Gossip Merge(Gossip other)
    {
        var tombstones = Tombstones;
        foreach (var (node, removedAt) in other.Tombstones)
        {
            tombstones = tombstones.SetItem(node, Math.Max(removedAt, tombstones.GetValueOrDefault(node)));
        }

        var mergedMembers = MergeMembers(Members, other.Members, tombstones);
        var version = Version.Merge(other.Version);
        foreach (var node in tombstones.Keys)
        {
            version = version.Prune(node.ClockNodeId);
        }

        var reachability = Reachability.Versions.IsEmpty && other.Reachability.Versions.IsEmpty
            ? Reachability // Nobody ever observed anyone unreachable on either side: nothing to merge.
            : Reachability.Merge(mergedMembers.Select(m => m.UniqueAddress).ToHashSet(), other.Reachability);
        return new Gossip(mergedMembers, [], reachability, version, tombstones);
    }

    /// <summary>
    /// Both member sets in one ordered walk: members that are the same object on both sides (most
    /// of them, since gossips share unchanged members) cost a reference check, and the result
    /// shares <paramref name="ours"/>'s tree, changed only where the sides differ (O(N) and
    /// O(k log N) for k differences, instead of rebuilding the set).
    /// </summary>
    private static ImmutableSortedSet<Member> MergeMembers(ImmutableSortedSet<Member> ours, ImmutableSortedSet<Member> theirs, ImmutableSortedDictionary<UniqueAddress, long> tombstones)
    {
        List<Member>? changed = null;
        using (var a = ours.GetEnumerator())
        using (var b = theirs.GetEnumerator())
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            while (hasB)
            {
                var order = !hasA ? 1 : ReferenceEquals(a.Current, b.Current) ? 0 : a.Current.CompareTo(b.Current);
                if (order < 0)
                {
                    hasA = a.MoveNext(); // Only ours: kept as it is.
                    continue;
                }

                var winner = order > 0 ? b.Current : Member.HighestPriorityOf(a.Current, b.Current);
                if (order > 0 || !ReferenceEquals(winner, a.Current))
                {
                    (changed ??= []).Add(winner);
                }

                hasA = order == 0 ? a.MoveNext() : hasA;
                hasB = b.MoveNext();
            }
        }

        var merged = ours;
        foreach (var member in changed ?? [])
        {
            merged = merged.Remove(member).Add(member);
        }

        foreach (var node in tombstones.Keys)
        {
            merged = merged.Remove(Member.Removed(node));
        }

        return merged;
    }

    /// <summary>Everything a gossip must satisfy; empty when it is well formed. Checked by tests and the simulator.</summary>
    public IReadOnlyList<string> FindInvariantViolations()
    {
        var violations = new List<string>();
        var nodes = Members.Select(m => m.UniqueAddress).ToHashSet();
        violations.AddRange(Members.Where(m => m.Status == MemberStatus.Removed).Select(m => $"Removed member inside gossip: {m}"));
        violations.AddRange(Seen.Where(n => !nodes.Contains(n)).Select(n => $"Seen by non-member {n}"));
        violations.AddRange(Reachability.Versions.Keys.Where(n => !nodes.Contains(n)).Select(n => $"Reachability version of non-member {n}"));
        violations.AddRange(Reachability.Records.Where(r => !nodes.Contains(r.Observer) || !nodes.Contains(r.Subject))
            .Select(r => $"Reachability record about non-member: {r}"));
        violations.AddRange(Members.Where(m => Tombstones.ContainsKey(m.UniqueAddress)).Select(m => $"Tombstoned member inside gossip: {m}"));
        var clockIds = Members.Select(m => m.UniqueAddress.ClockNodeId).ToHashSet(StringComparer.Ordinal);
        violations.AddRange(Version.Versions.Keys.Where(id => !clockIds.Contains(id)).Select(id => $"Clock entry of non-member {id}"));
        return violations;
    }

    /// <summary>Same members (with status and up-number), seen-set, reachability, clock and tombstones.</summary>
    public bool IsSameStateAs(Gossip other) => HasSameContentAs(other) && Seen.SetEquals(other.Seen);

    /// <summary>Same members (with status and up-number), reachability, clock and tombstones; the seen-set may differ.</summary>
    public bool HasSameContentAs(Gossip other) =>
        ReferenceEquals(this, other)
        || (Members.Count == other.Members.Count
            && Version.Equals(other.Version)
            && Members.Zip(other.Members).All(pair => pair.First.IsSameStateAs(pair.Second))
            && Reachability.Equals(other.Reachability)
            && Tombstones.SequenceEqual(other.Tombstones));

    public override string ToString() =>
        $"Gossip(members [{string.Join(", ", Members)}], seen [{string.Join(", ", Seen.OrderBy(n => n))}], {Reachability}, {Version}, tombstones {Tombstones.Count})";

    /// <summary>A new seen-set, all of whose entries are members: when it holds them all, the shared one.</summary>
    private Gossip WithSeenOfMembers(ImmutableHashSet<UniqueAddress> seen) =>
        With(seen: seen.Count == Members.Count ? SeenByAllSets.GetValue(Members, _ => seen) : seen);

    private Gossip With(
        ImmutableSortedSet<Member>? members = null,
        ImmutableHashSet<UniqueAddress>? seen = null,
        Reachability? reachability = null,
        VectorClock? version = null,
        ImmutableSortedDictionary<UniqueAddress, long>? tombstones = null)
    {
        var next = new Gossip(members ?? Members, seen ?? Seen, reachability ?? Reachability, version ?? Version, tombstones ?? Tombstones);
        if (members is null)
        {
            next._membersByNode = _membersByNode; // Same members: reuse the index instead of rebuilding it (O(N)).
        }

        return next;
    }
}
