using System.Collections.Immutable;

namespace AkkaConvergence.KeyValue;

/// <summary>One key's write as it travels: a value, or none for a deletion.</summary>
internal sealed record DeltaEntry(string Key, long Version, StateValue? Value);

/// <summary>
/// The writes of one owner with versions in (<paramref name="FromVersion"/>, <paramref name="ToVersion"/>],
/// in version order: every write in that range that is still current (a key written twice counts
/// once, at its later version). From version 0 the delta is the owner's complete state as the
/// sender holds it, tombstones included: the receiver replaces what it has up to
/// <paramref name="ToVersion"/> (the reset of a peer that fell behind the tombstone horizon).
/// </summary>
/// <param name="Owner">The member that wrote the entries.</param>
/// <param name="FromVersion">The version the receiver is known (or assumed) to have; 0 = complete.</param>
/// <param name="ToVersion">The receiver holds every write up to here once it applied this (when it held FromVersion).</param>
/// <param name="Horizon">Complete deltas: the sender's tombstone horizon (it cannot tell of deletions up to there).</param>
/// <param name="Entries">The writes, in version order.</param>
internal sealed record OwnerDelta(UniqueAddress Owner, long FromVersion, long ToVersion, long Horizon, ImmutableArray<DeltaEntry> Entries)
{
    public bool IsComplete => FromVersion == 0;
}
