using System.Collections.Immutable;

namespace AkkaConvergence.KeyValue;

/// <summary>
/// One owner's keys as this node holds them. <see cref="Watermark"/> is the Scuttlebutt version:
/// this node reflects every write of the owner up to it (entries beyond it may be present too,
/// from a delta that came before the one filling the gap). <see cref="Horizon"/> is the highest
/// version of a tombstone this node has purged: it cannot tell a peer below it of that deletion,
/// so such a peer gets the complete state instead of a delta and a deleted key never comes back.
/// </summary>
internal sealed record OwnerState(long Watermark, long Horizon, ImmutableDictionary<string, StateEntry> Entries, int TotalBytes, int LiveKeys)
{
    public static OwnerState Empty { get; } = new(0, 0, ImmutableDictionary.Create<string, StateEntry>(StringComparer.Ordinal), 0, 0);

    /// <summary>Why the owner may not write <paramref name="value"/> under <paramref name="key"/> (null: it may).</summary>
    public StateQuotaViolation? CheckWrite(string key, StateValue? value, StateLimits limits)
    {
        if (value is not null && value.QuotaBytes > limits.MaxValueBytes)
        {
            return new StateQuotaViolation(StateQuota.ValueSize, value.QuotaBytes, limits.MaxValueBytes);
        }

        Entries.TryGetValue(key, out var current);
        var isNewKey = current is null || current.IsDeleted;
        if (value is not null && isNewKey && LiveKeys + 1 > limits.MaxKeys)
        {
            return new StateQuotaViolation(StateQuota.KeyCount, LiveKeys + 1, limits.MaxKeys);
        }

        var total = TotalBytes - (current?.QuotaBytes(key) ?? 0) + new StateEntry(0, value, 0).QuotaBytes(key);
        return total > limits.MaxTotalBytes ? new StateQuotaViolation(StateQuota.TotalSize, total, limits.MaxTotalBytes) : null;
    }

    /// <summary>The owner's own write (a value, or null to delete): the next version.</summary>
    public OwnerState Write(string key, StateValue? value, long nowMillis) =>
        WithEntries(Entries.SetItem(key, new StateEntry(Watermark + 1, value, nowMillis))) with { Watermark = Watermark + 1 };

    /// <summary>The entries written after <paramref name="version"/>, in version order.</summary>
    public IEnumerable<KeyValuePair<string, StateEntry>> EntriesAfter(long version) =>
        Entries.Where(e => e.Value.Version > version).OrderBy(e => e.Value.Version);

    /// <summary>
    /// Takes a peer's delta: each key keeps its higher version; a complete delta also removes what
    /// it does not list up to its version. The watermark moves only over a delta that starts at or
    /// below it, so a gap is never papered over. Returns the keys whose visible value changed.
    /// </summary>
    public (OwnerState State, ImmutableArray<string> Changed) Apply(OwnerDelta delta, long nowMillis)
    {
        var entries = Entries;
        var changed = ImmutableArray.CreateBuilder<string>();
        if (delta.IsComplete && delta.ToVersion > Watermark)
        {
            var listed = delta.Entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, entry) in Entries)
            {
                if (entry.Version <= delta.ToVersion && !listed.Contains(key))
                {
                    entries = entries.Remove(key);
                    if (!entry.IsDeleted)
                    {
                        changed.Add(key);
                    }
                }
            }
        }

        foreach (var write in delta.Entries)
        {
            if (entries.TryGetValue(write.Key, out var current) && current.Version >= write.Version)
            {
                continue;
            }

            entries = entries.SetItem(write.Key, new StateEntry(write.Version, write.Value, nowMillis));
            if (write.Value is not null || current is { IsDeleted: false })
            {
                changed.Add(write.Key);
            }
        }

        var watermark = delta.FromVersion <= Watermark ? Math.Max(Watermark, delta.ToVersion) : Watermark;
        var horizon = delta.IsComplete ? Math.Max(Horizon, delta.Horizon) : Horizon;
        var next = ReferenceEquals(entries, Entries) ? this : WithEntries(entries);
        return (next with { Watermark = watermark, Horizon = horizon }, changed.ToImmutable());
    }

    /// <summary>Forgets tombstones older than the grace period, raising the horizon over them.</summary>
    public OwnerState PurgeTombstones(long nowMillis, long graceMillis)
    {
        var expired = Entries.Where(e => e.Value.IsDeleted && nowMillis - e.Value.ChangedAtMillis >= graceMillis).ToList();
        if (expired.Count == 0)
        {
            return this;
        }

        var horizon = Math.Max(Horizon, expired.Max(e => e.Value.Version));
        return WithEntries(Entries.RemoveRange(expired.Select(e => e.Key))) with { Horizon = horizon };
    }

    /// <summary>The earliest moment a tombstone here expires, if it holds any.</summary>
    public long? NextTombstoneExpiryAt(long graceMillis)
    {
        long? earliest = null;
        foreach (var entry in Entries.Values)
        {
            if (entry.IsDeleted && (earliest is null || entry.ChangedAtMillis + graceMillis < earliest))
            {
                earliest = entry.ChangedAtMillis + graceMillis;
            }
        }

        return earliest;
    }

    private OwnerState WithEntries(ImmutableDictionary<string, StateEntry> entries)
    {
        var total = 0;
        var live = 0;
        foreach (var (key, entry) in entries)
        {
            total += entry.QuotaBytes(key);
            live += entry.IsDeleted ? 0 : 1;
        }

        return this with { Entries = entries, TotalBytes = total, LiveKeys = live };
    }
}
