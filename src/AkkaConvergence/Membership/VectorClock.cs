using System.Collections.Immutable;

namespace AkkaConvergence;

/// <summary>
/// An immutable vector clock: a counter per node id, compared as a partial order.
/// Node ids are ordered ordinally; an id missing on one side counts as 0 there.
/// </summary>
/// <remarks>
/// Stored as one array sorted by node id, so comparison and merge are a single merge-walk over
/// both clocks without allocation (comparison) or with one allocation (merge).
/// </remarks>
public sealed class VectorClock : IEquatable<VectorClock>
{
    private readonly KeyValuePair<string, long>[] _entries;
    private IReadOnlyDictionary<string, long>? _versions;

    private VectorClock(KeyValuePair<string, long>[] entries)
    {
        _entries = entries;
    }

    /// <summary>The clock with no entries.</summary>
    public static VectorClock Empty { get; } = new([]);

    /// <summary>The counter per node id, in ordinal order of the ids.</summary>
    public IReadOnlyDictionary<string, long> Versions =>
        _versions ??= _entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    /// <summary>The number of node ids with an entry.</summary>
    internal int Count => _entries.Length;

    /// <summary>Builds a clock from explicit entries (for tests and deserialization); counters must be positive.</summary>
    internal static VectorClock From(IEnumerable<KeyValuePair<string, long>> versions)
    {
        var entries = versions.OrderBy(e => e.Key, StringComparer.Ordinal).ToArray();
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Value <= 0)
            {
                throw new ArgumentException($"Vector clock counter for '{entries[i].Key}' must be positive, was {entries[i].Value}.", nameof(versions));
            }

            if (i > 0 && string.Equals(entries[i - 1].Key, entries[i].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Duplicate vector clock node '{entries[i].Key}'.", nameof(versions));
            }
        }

        return entries.Length == 0 ? Empty : new VectorClock(entries);
    }

    /// <summary>This clock with the counter of <paramref name="node"/> increased by one (absent counts as 0).</summary>
    public VectorClock Increment(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var index = IndexOf(node);
        if (index >= 0)
        {
            var copy = (KeyValuePair<string, long>[])_entries.Clone();
            copy[index] = new KeyValuePair<string, long>(node, copy[index].Value + 1);
            return new VectorClock(copy);
        }

        var insertAt = ~index;
        var grown = new KeyValuePair<string, long>[_entries.Length + 1];
        Array.Copy(_entries, 0, grown, 0, insertAt);
        grown[insertAt] = new KeyValuePair<string, long>(node, 1);
        Array.Copy(_entries, insertAt, grown, insertAt + 1, _entries.Length - insertAt);
        return new VectorClock(grown);
    }

    /// <summary>The pointwise maximum of both clocks: the least clock that is not before either.</summary>
    public VectorClock Merge(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other) || other._entries.Length == 0)
        {
            return this;
        }

        if (_entries.Length == 0)
        {
            return other;
        }

        var merged = new List<KeyValuePair<string, long>>(Math.Max(_entries.Length, other._entries.Length));
        int i = 0, j = 0;
        while (i < _entries.Length && j < other._entries.Length)
        {
            var order = string.CompareOrdinal(_entries[i].Key, other._entries[j].Key);
            if (order < 0)
            {
                merged.Add(_entries[i++]);
            }
            else if (order > 0)
            {
                merged.Add(other._entries[j++]);
            }
            else
            {
                merged.Add(_entries[i].Value >= other._entries[j].Value ? _entries[i] : other._entries[j]);
                i++;
                j++;
            }
        }

        for (; i < _entries.Length; i++)
        {
            merged.Add(_entries[i]);
        }

        for (; j < other._entries.Length; j++)
        {
            merged.Add(other._entries[j]);
        }

        return new VectorClock([.. merged]);
    }

    /// <summary>This clock without the entry of <paramref name="node"/> (used when a member is removed).</summary>
    public VectorClock Prune(string node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var index = IndexOf(node);
        if (index < 0)
        {
            return this;
        }

        var shrunk = new KeyValuePair<string, long>[_entries.Length - 1];
        Array.Copy(_entries, 0, shrunk, 0, index);
        Array.Copy(_entries, index + 1, shrunk, index, _entries.Length - index - 1);
        return new VectorClock(shrunk);
    }

    /// <summary>
    /// This clock relative to <paramref name="other"/>: <see cref="VectorClockOrdering.Before"/> means
    /// this happened before other. One merge-walk over both clocks; stops early once concurrent.
    /// </summary>
    public VectorClockOrdering CompareTo(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other))
        {
            return VectorClockOrdering.Same;
        }

        bool thisAhead = false, otherAhead = false;
        int i = 0, j = 0;
        while (i < _entries.Length && j < other._entries.Length && !(thisAhead && otherAhead))
        {
            var order = string.CompareOrdinal(_entries[i].Key, other._entries[j].Key);
            if (order < 0)
            {
                thisAhead = true;
                i++;
            }
            else if (order > 0)
            {
                otherAhead = true;
                j++;
            }
            else
            {
                var difference = _entries[i].Value.CompareTo(other._entries[j].Value);
                thisAhead |= difference > 0;
                otherAhead |= difference < 0;
                i++;
                j++;
            }
        }

        thisAhead |= i < _entries.Length;
        otherAhead |= j < other._entries.Length;
        return (thisAhead, otherAhead) switch
        {
            (false, false) => VectorClockOrdering.Same,
            (true, false) => VectorClockOrdering.After,
            (false, true) => VectorClockOrdering.Before,
            _ => VectorClockOrdering.Concurrent,
        };
    }

    /// <summary>True when this clock happened strictly before <paramref name="other"/>.</summary>
    public bool IsBefore(VectorClock other) => CompareTo(other) == VectorClockOrdering.Before;

    /// <summary>True when this clock happened strictly after <paramref name="other"/>.</summary>
    public bool IsAfter(VectorClock other) => CompareTo(other) == VectorClockOrdering.After;

    /// <summary>True when both clocks have the same entries.</summary>
    public bool IsSameAs(VectorClock other) => CompareTo(other) == VectorClockOrdering.Same;

    /// <summary>True when neither clock happened before the other.</summary>
    public bool IsConcurrentWith(VectorClock other) => CompareTo(other) == VectorClockOrdering.Concurrent;

    /// <summary>Equal exactly when <see cref="CompareTo"/> is <see cref="VectorClockOrdering.Same"/>.</summary>
    public bool Equals(VectorClock? other) => other is not null && CompareTo(other) == VectorClockOrdering.Same;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VectorClock);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in _entries)
        {
            hash.Add(entry.Key, StringComparer.Ordinal);
            hash.Add(entry.Value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Entries as <c>VectorClock(id -> counter, …)</c>.</summary>
    public override string ToString() => $"VectorClock({string.Join(", ", _entries.Select(e => $"{e.Key} -> {e.Value}"))})";

    /// <summary>Equality as <see cref="Equals(VectorClock?)"/>.</summary>
    public static bool operator ==(VectorClock? left, VectorClock? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Not <see cref="op_Equality"/> (and not "concurrent", unlike Akka.NET's clock).</summary>
    public static bool operator !=(VectorClock? left, VectorClock? right) => !(left == right);

    private int IndexOf(string node)
    {
        int low = 0, high = _entries.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(_entries[middle].Key, node);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }
}
