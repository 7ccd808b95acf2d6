using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>
/// What turns one version of the gossip (the basis) into a later one (the target): the members
/// that were added or changed, the clock entries that moved or were pruned, the tombstones that
/// were added (which also say which members left), the reachability table if it changed, and the
/// target's seen-set as bits in its member order. A change to one member of 1,000 costs a few
/// hundred bytes instead of the whole gossip (about 37 KB), which every node used to receive
/// several times per change: the O(N^2) bytes of one membership change (issue #12).
/// </summary>
/// <remarks>
/// Equal clocks mean equal content (<see cref="GossipReceiver"/> keeps it so), so a receiver whose
/// clock is the basis's holds the basis, and applying the delta gives exactly the sender's gossip;
/// both clocks travel as <see cref="GossipFingerprint.OfVersion"/> and are checked on arrival. A
/// receiver that holds another version gets nothing from it and asks for the gossip instead
/// (memberlist's piggyback and push-pull, delta-state CRDTs' "deltas when the receiver's state is
/// known, full state otherwise"). So the merge rules see the same gossips as without deltas.
/// </remarks>
/// <param name="BaseVersion">The fingerprint of the basis's clock.</param>
/// <param name="TargetVersion">The fingerprint of the target's clock, checked after applying.</param>
/// <param name="TargetMemberCount">How many members the target has, checked after applying.</param>
/// <param name="Changes">
/// A partial gossip: the added or changed members, the moved clock entries, the added tombstones,
/// and the target's reachability when <paramref name="ReachabilityChanged"/>; its seen-set is empty.
/// </param>
/// <param name="ReachabilityChanged">Whether <paramref name="Changes"/>' reachability replaces the basis's.</param>
/// <param name="ClockPruned">Clock entries of the basis that the target no longer has.</param>
/// <param name="Seen">The target's seen-set, in the target's member order.</param>
internal sealed record GossipDelta(
    ulong BaseVersion,
    ulong TargetVersion,
    int TargetMemberCount,
    Gossip Changes,
    bool ReachabilityChanged,
    ImmutableArray<string> ClockPruned,
    SeenDigest Seen)
{
    /// <summary>
    /// Above this share of changed members a delta saves little over the gossip (which the wire
    /// compresses), so the gossip goes instead.
    /// </summary>
    private const int MostChangedMembersPerHundred = 25;

    private static readonly ConditionalWeakTable<Gossip, StrongBox<(VectorClock Target, GossipDelta? Delta)>> Cache = new();

    /// <summary>
    /// The delta from <paramref name="basis"/> to <paramref name="target"/>, or null when only the
    /// whole gossip will do: a tombstone was pruned in between (a removal a delta cannot say), or
    /// too many members changed. The content part is computed once per basis and target version
    /// (a push and its repairs reuse it); the seen bits are the target's at the time of sending.
    /// </summary>
    public static GossipDelta? Between(Gossip basis, Gossip target)
    {
        var box = Cache.GetValue(basis, _ => new StrongBox<(VectorClock, GossipDelta?)>((VectorClock.Empty, null)));
        if (!ReferenceEquals(box.Value.Target, target.Version))
        {
            box.Value = (target.Version, ContentBetween(basis, target));
        }

        return box.Value.Delta is { } content ? content with { Seen = SeenDigest.Of(target) } : null;
    }

    /// <summary>
    /// The target gossip, when <paramref name="local"/> is the basis (its clock is the basis's);
    /// null otherwise, or when the result is not the target the sender described.
    /// </summary>
    public Gossip? ApplyTo(Gossip local)
    {
        if (GossipFingerprint.OfVersion(local.Version) != BaseVersion)
        {
            return null;
        }

        var version = local.Version;
        if (Changes.Version.Count > 0 || !ClockPruned.IsEmpty)
        {
            var clock = local.Version.Versions
                .Where(entry => !ClockPruned.Contains(entry.Key) && !Changes.Version.Versions.ContainsKey(entry.Key))
                .Concat(Changes.Version.Versions);
            try
            {
                version = VectorClock.From(clock);
            }
            catch (ArgumentException)
            {
                return null; // A malformed clock part: not the target the sender described.
            }
        }

        if (GossipFingerprint.OfVersion(version) != TargetVersion)
        {
            return null;
        }

        var unseen = local.WithChanges(
            Changes.Members,
            Changes.Tombstones.Keys.Where(local.HasMember),
            ReachabilityChanged ? Changes.Reachability : local.Reachability,
            version,
            local.Tombstones.SetItems(Changes.Tombstones));
        if (unseen.Members.Count != TargetMemberCount || Seen.SeenIn(unseen) is not { } seen)
        {
            return null;
        }

        // The same version as ours: our seen-set plus theirs, sharing our set's tree.
        return unseen.MergeSeen(ReferenceEquals(version, local.Version) ? local.Seen.Union(seen) : seen);
    }

    private static GossipDelta? ContentBetween(Gossip basis, Gossip target)
    {
        if (basis.Tombstones.Keys.Any(node => !target.Tombstones.ContainsKey(node)))
        {
            return null; // A tombstone was pruned: only the whole gossip can say so.
        }

        var addedTombstones = target.Tombstones.Where(t => basis.Tombstones.GetValueOrDefault(t.Key) != t.Value).ToImmutableSortedDictionary();
        var changed = ChangedMembers(basis, target, addedTombstones);
        if (changed is null || changed.Count * 100 > Math.Max(target.Members.Count, 4) * MostChangedMembersPerHundred)
        {
            return null;
        }

        var basisClock = basis.Version.Versions;
        var targetClock = target.Version.Versions;
        var movedClock = targetClock.Where(e => !basisClock.TryGetValue(e.Key, out var counter) || counter != e.Value);
        var pruned = basisClock.Keys.Where(id => !targetClock.ContainsKey(id)).ToImmutableArray();
        var reachabilityChanged = !ReferenceEquals(basis.Reachability, target.Reachability) && !basis.Reachability.Equals(target.Reachability);
        var changes = new Gossip(
            changed.ToImmutableSortedSet(),
            [],
            reachabilityChanged ? target.Reachability : Reachability.Empty,
            VectorClock.From(movedClock),
            addedTombstones);
        return new GossipDelta(
            GossipFingerprint.OfVersion(basis.Version),
            GossipFingerprint.OfVersion(target.Version),
            target.Members.Count,
            changes,
            reachabilityChanged,
            pruned,
            new SeenDigest(0, []));
    }

    /// <summary>
    /// The target's members that the basis lacks or holds in another state, in one ordered walk
    /// (unchanged members are mostly the same objects, a reference check each); null when a member
    /// of the basis is gone from the target without a tombstone that says so.
    /// </summary>
    private static List<Member>? ChangedMembers(Gossip basis, Gossip target, ImmutableSortedDictionary<UniqueAddress, long> addedTombstones)
    {
        var changed = new List<Member>();
        using var a = basis.Members.GetEnumerator();
        using var b = target.Members.GetEnumerator();
        var hasA = a.MoveNext();
        var hasB = b.MoveNext();
        while (hasA || hasB)
        {
            var order = !hasA ? 1 : !hasB ? -1 : ReferenceEquals(a.Current, b.Current) ? 0 : a.Current.CompareTo(b.Current);
            if (order < 0)
            {
                if (!addedTombstones.ContainsKey(a.Current.UniqueAddress))
                {
                    return null;
                }

                hasA = a.MoveNext();
                continue;
            }

            if (order > 0 || (!ReferenceEquals(a.Current, b.Current) && !a.Current.IsSameStateAs(b.Current)))
            {
                changed.Add(b.Current);
            }

            hasA = order == 0 ? a.MoveNext() : hasA;
            hasB = b.MoveNext();
        }

        return changed;
    }
}
