using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace AkkaConvergence.Membership;

/// <summary>
/// One instance per member set content in the process: a member set built by applying a delta is
/// swapped for an equal one built before, with its member index. What a gossip means does not
/// change (the sets are equal, member by member and state by state); what changes is that
/// everything cached per member set (the index, the heartbeat ring, the simulator's goal) is made
/// once instead of once per node. A real node holds one view and gains nothing but a lookup; a
/// simulator of 10,000 nodes, each of which used to build its own copy of every version, kept
/// 10,000 rings of 10,000 addresses (800 MB) and sorted each of them.
/// </summary>
/// <remarks>
/// Keyed by a hash that follows a set through its changes in O(changes): the sum of a mix of each
/// member's uid, status and up-number. Equal hashes are verified member by member before sharing,
/// so a collision only costs the comparison. Entries are weak: a set nobody holds any more goes.
/// </remarks>
internal static class SharedMemberSets
{
    /// <summary>What is known of a set while it lives: its hash, and its index once it is shared.</summary>
    private sealed record Known(ulong Hash, ImmutableDictionary<UniqueAddress, Member>? Index);

    private static readonly ConditionalWeakTable<ImmutableSortedSet<Member>, Known> Sets = new();
    private static readonly Dictionary<ulong, WeakReference<ImmutableSortedSet<Member>>> ByHash = [];
    private static int _purgeAbove = 1_024;

    /// <summary>
    /// The last few changes made to a set and what they gave: a shared set changed the same way
    /// again (by every node that applies one delta) gives the same set, found in O(changes)
    /// instead of verified member by member.
    /// </summary>
    private static readonly ConditionalWeakTable<ImmutableSortedSet<Member>, List<(Member[] Changed, UniqueAddress[] Removed, WeakReference<ImmutableSortedSet<Member>> Result)>> ChangesOf = new();

    private const int ChangesRemembered = 4;

    /// <summary>
    /// <paramref name="members"/> (made from <paramref name="basis"/> by putting in <paramref name="changed"/>
    /// and taking out <paramref name="removed"/>) and its index, or an equal set and its index made before.
    /// </summary>
    public static (ImmutableSortedSet<Member> Members, ImmutableDictionary<UniqueAddress, Member> Index) Share(
        ImmutableSortedSet<Member> basis,
        IEnumerable<Member> changed,
        IEnumerable<UniqueAddress> removed,
        ImmutableSortedSet<Member> members,
        ImmutableDictionary<UniqueAddress, Member> index)
    {
        var changes = ChangesOf.GetValue(basis, _ => []);
        lock (changes)
        {
            foreach (var (before, gone, result) in changes)
            {
                if (result.TryGetTarget(out var made) && Sets.TryGetValue(made, out var madeKnown) && madeKnown.Index is { } madeIndex
                    && SameChanges(before, changed, gone, removed))
                {
                    return (made, madeIndex);
                }
            }
        }

        var shared = Intern(HashAfter(basis, changed, removed), members, index);
        lock (changes)
        {
            changes.Add(([.. changed], [.. removed], new WeakReference<ImmutableSortedSet<Member>>(shared.Members)));
            if (changes.Count > ChangesRemembered)
            {
                changes.RemoveAt(0);
            }
        }

        return shared;
    }

    private static bool SameChanges(Member[] changedBefore, IEnumerable<Member> changed, UniqueAddress[] removedBefore, IEnumerable<UniqueAddress> removed) =>
        changedBefore.SequenceEqual(changed, SameState.Instance) && removedBefore.SequenceEqual(removed);

    private sealed class SameState : IEqualityComparer<Member>
    {
        public static SameState Instance { get; } = new();

        public bool Equals(Member? x, Member? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.IsSameStateAs(y));

        public int GetHashCode(Member obj) => obj.GetHashCode();
    }

    /// <summary>The hash of <paramref name="basis"/> with <paramref name="changed"/> put in and <paramref name="removed"/> taken out, in O(changes).</summary>
    private static ulong HashAfter(ImmutableSortedSet<Member> basis, IEnumerable<Member> changed, IEnumerable<UniqueAddress> removed)
    {
        var hash = HashOf(basis);
        foreach (var node in removed)
        {
            if (basis.TryGetValue(Member.Removed(node), out var gone))
            {
                hash -= Mix(gone);
            }
        }

        foreach (var member in changed)
        {
            if (basis.TryGetValue(member, out var before))
            {
                hash -= Mix(before);
            }

            hash += Mix(member);
        }

        return hash;
    }

    /// <summary><paramref name="members"/> and its index, or the equal set of this hash made before and its index.</summary>
    private static (ImmutableSortedSet<Member> Members, ImmutableDictionary<UniqueAddress, Member> Index) Intern(
        ulong hash,
        ImmutableSortedSet<Member> members,
        ImmutableDictionary<UniqueAddress, Member> index)
    {
        lock (ByHash)
        {
            if (ByHash.TryGetValue(hash, out var weak) && weak.TryGetTarget(out var shared)
                && Sets.TryGetValue(shared, out var known) && known.Index is { } sharedIndex && SameMembers(shared, members))
            {
                return (shared, sharedIndex);
            }

            ByHash[hash] = new WeakReference<ImmutableSortedSet<Member>>(members);
            Sets.AddOrUpdate(members, new Known(hash, index));
            PurgeIfLarge();
        }

        return (members, index);
    }

    private static ulong HashOf(ImmutableSortedSet<Member> members)
    {
        if (Sets.TryGetValue(members, out var known))
        {
            return known.Hash;
        }

        var hash = 0UL;
        foreach (var member in members)
        {
            hash += Mix(member);
        }

        Sets.AddOrUpdate(members, new Known(hash, null));
        return hash;
    }

    /// <summary>A splitmix64 finaliser over what makes a member's state: a sum of these changes with one member in O(1).</summary>
    private static ulong Mix(Member member)
    {
        var z = (ulong)member.UniqueAddress.Uid ^ ((ulong)member.Status << 56) ^ ((ulong)(uint)member.UpNumber << 24) ^ (ulong)(member.UniqueAddress.Address.Port ?? 0);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }

    private static bool SameMembers(ImmutableSortedSet<Member> a, ImmutableSortedSet<Member> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        using var left = a.GetEnumerator();
        using var right = b.GetEnumerator();
        while (left.MoveNext() && right.MoveNext())
        {
            if (!ReferenceEquals(left.Current, right.Current) && !left.Current.IsSameStateAs(right.Current))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Drops the entries whose sets are gone, when the table has doubled since the last time.</summary>
    private static void PurgeIfLarge()
    {
        if (ByHash.Count <= _purgeAbove)
        {
            return;
        }

        foreach (var (hash, weak) in ByHash.ToList())
        {
            if (!weak.TryGetTarget(out _))
            {
                ByHash.Remove(hash);
            }
        }

        _purgeAbove = Math.Max(1_024, ByHash.Count * 2);
    }
}
