using System.Collections.Immutable;

namespace AkkaConvergence.Membership;

/// <summary>
/// The "who observed whom" table: per observer, the subjects it does not (or no longer) reach,
/// stamped with the observer's own version. Each observer owns its rows; merges pick, per
/// observer, the rows of the side with the higher observer version.
/// </summary>
/// <remarks>
/// The table stays sparse: when an observer's last non-reachable subject becomes reachable
/// again all its rows are dropped and only its version survives. Collections are sorted by
/// member order so that every walk over them is the same on every node and in every replay.
/// </remarks>
internal sealed class Reachability : IEquatable<Reachability>
{
    private static readonly ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord> NoRows =
        ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>.Empty;

    private readonly ImmutableSortedDictionary<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>> _rows;
    private Aggregate? _aggregate;

    private Reachability(
        ImmutableSortedDictionary<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>> rows,
        ImmutableSortedDictionary<UniqueAddress, long> versions)
    {
        _rows = rows;
        Versions = versions;
    }

    public static Reachability Empty { get; } = new(
        ImmutableSortedDictionary<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>>.Empty,
        ImmutableSortedDictionary<UniqueAddress, long>.Empty);

    /// <summary>The latest version of each observer that ever recorded anything.</summary>
    public ImmutableSortedDictionary<UniqueAddress, long> Versions { get; }

    /// <summary>Every record, grouped by observer in member order.</summary>
    public IEnumerable<ReachabilityRecord> Records => _rows.Values.SelectMany(rows => rows.Values);

    public bool IsEmpty => _rows.IsEmpty;

    /// <summary>Subjects that some observer marks Unreachable, and none marks Terminated.</summary>
    public ImmutableSortedSet<UniqueAddress> AllUnreachable => Aggregated.Unreachable;

    /// <summary>Subjects that some observer marks Unreachable or Terminated.</summary>
    public ImmutableSortedSet<UniqueAddress> AllUnreachableOrTerminated => Aggregated.UnreachableOrTerminated;

    private Aggregate Aggregated => _aggregate ??= Aggregate.Of(this);

    /// <summary>Rebuilds a table from records and versions (deserialization, tests); records must carry versions no newer than their observer's.</summary>
    public static Reachability From(IEnumerable<ReachabilityRecord> records, IEnumerable<KeyValuePair<UniqueAddress, long>> versions)
    {
        var rows = records
            .GroupBy(r => r.Observer)
            .ToImmutableSortedDictionary(g => g.Key, g => g.ToImmutableSortedDictionary(r => r.Subject, r => r));
        var versionTable = versions.ToImmutableSortedDictionary();
        foreach (var (observer, observed) in rows)
        {
            var version = versionTable.GetValueOrDefault(observer);
            if (observed.Values.Any(r => r.Version > version))
            {
                throw new ArgumentException($"Reachability records of {observer} are newer than its version {version}.");
            }
        }

        return new Reachability(rows, versionTable);
    }

    public Reachability Unreachable(UniqueAddress observer, UniqueAddress subject) =>
        Change(observer, subject, ReachabilityStatus.Unreachable);

    public Reachability Reachable(UniqueAddress observer, UniqueAddress subject) =>
        Change(observer, subject, ReachabilityStatus.Reachable);

    public Reachability Terminated(UniqueAddress observer, UniqueAddress subject) =>
        Change(observer, subject, ReachabilityStatus.Terminated);

    /// <summary>The aggregated status of a subject: Terminated if any observer says so, else Unreachable if any does.</summary>
    public ReachabilityStatus Status(UniqueAddress subject) =>
        Aggregated.UnreachableOrTerminated.Contains(subject)
            ? (Aggregated.Unreachable.Contains(subject) ? ReachabilityStatus.Unreachable : ReachabilityStatus.Terminated)
            : ReachabilityStatus.Reachable;

    /// <summary>What one observer says about one subject (Reachable when it says nothing).</summary>
    public ReachabilityStatus Status(UniqueAddress observer, UniqueAddress subject) =>
        _rows.TryGetValue(observer, out var rows) && rows.TryGetValue(subject, out var record)
            ? record.Status
            : ReachabilityStatus.Reachable;

    public bool IsReachable(UniqueAddress subject) => !Aggregated.UnreachableOrTerminated.Contains(subject);

    public bool IsReachable(UniqueAddress observer, UniqueAddress subject) =>
        Status(observer, subject) == ReachabilityStatus.Reachable;

    /// <summary>Subjects that <paramref name="observer"/> marks Unreachable or Terminated.</summary>
    public ImmutableSortedSet<UniqueAddress> AllUnreachableOrTerminatedFrom(UniqueAddress observer) =>
        _rows.TryGetValue(observer, out var rows)
            ? rows.Values.Where(r => r.Status != ReachabilityStatus.Reachable).Select(r => r.Subject).ToImmutableSortedSet()
            : [];

    /// <summary>
    /// Both tables combined, keeping only observers and subjects in <paramref name="allowed"/>
    /// (the members of the merged gossip). Per observer the rows of the side with the higher
    /// observer version win; rows found on one side only are kept only if that side's version is
    /// higher, because equal-or-lower means the other side saw the observer clear them.
    /// </summary>
    public Reachability Merge(IReadOnlySet<UniqueAddress> allowed, Reachability other)
    {
        var rows = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>>();
        var versions = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var observer in Versions.Keys.Union(other.Versions.Keys))
        {
            if (!allowed.Contains(observer))
            {
                continue;
            }

            var thisVersion = Versions.GetValueOrDefault(observer);
            var otherVersion = other.Versions.GetValueOrDefault(observer);
            var thisRows = _rows.GetValueOrDefault(observer, NoRows);
            var otherRows = other._rows.GetValueOrDefault(observer, NoRows);
            var chosen = thisVersion >= otherVersion ? thisRows : otherRows;
            if (thisRows.IsEmpty != otherRows.IsEmpty && thisVersion == otherVersion)
            {
                chosen = NoRows; // Equal versions: the side without rows is the one that saw them cleared.
            }

            var kept = chosen.RemoveRange(chosen.Keys.Where(subject => !allowed.Contains(subject)));
            if (!kept.IsEmpty)
            {
                rows[observer] = kept;
            }

            versions[observer] = Math.Max(thisVersion, otherVersion);
        }

        return new Reachability(rows.ToImmutable(), versions.ToImmutable());
    }

    /// <summary>Forgets the nodes entirely: as observers (rows and version) and as subjects.</summary>
    public Reachability Remove(IEnumerable<UniqueAddress> nodes)
    {
        var gone = nodes.ToHashSet();
        if (gone.Count == 0)
        {
            return this;
        }

        var rows = _rows.RemoveRange(gone);
        foreach (var (observer, observed) in rows)
        {
            var kept = observed.RemoveRange(gone);
            rows = kept.IsEmpty ? rows.Remove(observer) : rows.SetItem(observer, kept);
        }

        return new Reachability(rows, Versions.RemoveRange(gone));
    }

    /// <summary>Drops the rows made by these observers, keeping their versions (their observations stop counting).</summary>
    public Reachability RemoveObservers(IEnumerable<UniqueAddress> observers)
    {
        var rows = _rows.RemoveRange(observers);
        return rows.Count == _rows.Count ? this : new Reachability(rows, Versions);
    }

    public bool Equals(Reachability? other) =>
        other is not null
        && Versions.SequenceEqual(other.Versions)
        && Records.SequenceEqual(other.Records);

    public override bool Equals(object? obj) => Equals(obj as Reachability);

    public override int GetHashCode() => HashCode.Combine(Versions.Count, _rows.Count);

    public override string ToString() =>
        $"Reachability([{string.Join(", ", Records.Select(r => $"{r.Observer} -> {r.Subject}: {r.Status} [{r.Version}]"))}])";

    private Reachability Change(UniqueAddress observer, UniqueAddress subject, ReachabilityStatus status)
    {
        var rows = _rows.GetValueOrDefault(observer, NoRows);
        rows.TryGetValue(subject, out var existing);
        if (existing?.Status == ReachabilityStatus.Terminated || (existing?.Status ?? ReachabilityStatus.Reachable) == status)
        {
            return this; // Terminated is final; the same status again changes nothing.
        }

        var version = Versions.GetValueOrDefault(observer) + 1;
        var versions = Versions.SetItem(observer, version);
        var changed = rows.SetItem(subject, new ReachabilityRecord(observer, subject, status, version));
        var nowAllReachable = changed.Values.All(r => r.Status == ReachabilityStatus.Reachable);
        return new Reachability(nowAllReachable ? _rows.Remove(observer) : _rows.SetItem(observer, changed), versions);
    }

    private sealed record Aggregate(ImmutableSortedSet<UniqueAddress> Unreachable, ImmutableSortedSet<UniqueAddress> UnreachableOrTerminated)
    {
        public static Aggregate Of(Reachability table)
        {
            var terminated = new HashSet<UniqueAddress>();
            var unreachableOrTerminated = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
            foreach (var record in table.Records)
            {
                if (record.Status == ReachabilityStatus.Terminated)
                {
                    terminated.Add(record.Subject);
                }

                if (record.Status != ReachabilityStatus.Reachable)
                {
                    unreachableOrTerminated.Add(record.Subject);
                }
            }

            var all = unreachableOrTerminated.ToImmutable();
            return new Aggregate(all.Except(terminated), all);
        }
    }
}
