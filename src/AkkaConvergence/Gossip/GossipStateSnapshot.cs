using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace AkkaConvergence;

/// <summary>
/// Every member's key/value state as this node saw it at one moment: owner → key → entry.
/// Immutable; deleted keys are absent, reserved keys hidden, undecodable values skipped.
/// </summary>
public sealed class GossipStateSnapshot : IReadOnlyDictionary<UniqueAddress, IReadOnlyDictionary<string, GossipStateEntry>>
{
    internal GossipStateSnapshot(ImmutableDictionary<UniqueAddress, ImmutableDictionary<string, GossipStateEntry>> owners) => Owners = owners;

    /// <summary>The entries by owner, then by key.</summary>
    public ImmutableDictionary<UniqueAddress, ImmutableDictionary<string, GossipStateEntry>> Owners { get; }

    /// <inheritdoc/>
    public int Count => Owners.Count;

    /// <inheritdoc/>
    public IEnumerable<UniqueAddress> Keys => Owners.Keys;

    /// <inheritdoc/>
    public IEnumerable<IReadOnlyDictionary<string, GossipStateEntry>> Values => Owners.Values;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, GossipStateEntry> this[UniqueAddress key] => Owners[key];

    /// <inheritdoc/>
    public bool ContainsKey(UniqueAddress key) => Owners.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(UniqueAddress key, [MaybeNullWhen(false)] out IReadOnlyDictionary<string, GossipStateEntry> value)
    {
        var found = Owners.TryGetValue(key, out var entries);
        value = entries;
        return found;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<UniqueAddress, IReadOnlyDictionary<string, GossipStateEntry>>> GetEnumerator() =>
        Owners.Select(o => new KeyValuePair<UniqueAddress, IReadOnlyDictionary<string, GossipStateEntry>>(o.Key, o.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
