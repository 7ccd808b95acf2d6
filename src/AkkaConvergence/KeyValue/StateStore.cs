using System.Collections.Immutable;

namespace AkkaConvergence.KeyValue;

/// <summary>
/// Every member's key/value state as this node holds it, by owner incarnation. Only members of
/// this node's membership view are owners: a removed incarnation's state goes with it, and its
/// membership tombstone keeps a late message from bringing it back.
/// </summary>
internal sealed class StateStore(ImmutableDictionary<UniqueAddress, OwnerState> owners)
{
    private ulong? _summary;

    public ImmutableDictionary<UniqueAddress, OwnerState> Owners { get; } = owners;

    public static StateStore Empty { get; } = new(ImmutableDictionary<UniqueAddress, OwnerState>.Empty);

    public OwnerState Of(UniqueAddress owner) => Owners.TryGetValue(owner, out var state) ? state : OwnerState.Empty;

    public long WatermarkOf(UniqueAddress owner) => Owners.TryGetValue(owner, out var state) ? state.Watermark : 0;

    /// <summary>This store with <paramref name="owner"/>'s state replaced (the summary updated by its two terms, not recomputed).</summary>
    public StateStore With(UniqueAddress owner, OwnerState state) =>
        new(Owners.SetItem(owner, state)) { _summary = _summary ^ TermOf(owner, WatermarkOf(owner)) ^ TermOf(owner, state.Watermark) };

    /// <summary>
    /// One number for what this node holds: equal summaries mean (with 64-bit certainty) equal
    /// watermarks for every owner, so a periodic exchange of summaries costs a few bytes at any
    /// cluster size and only a difference leads to a precise (windowed) digest. Computed once per
    /// store (each is immutable), as every periodic digest carries it.
    /// </summary>
    public ulong Summary => _summary ??= ComputeSummary();

    private ulong ComputeSummary()
    {
        ulong summary = 0;
        foreach (var (owner, state) in Owners)
        {
            summary ^= TermOf(owner, state.Watermark);
        }

        return summary;
    }

    private static ulong TermOf(UniqueAddress owner, long watermark) => watermark > 0 ? StateSummary.Term(owner, watermark) : 0;

    /// <summary>Owners with anything written, in the one order every node sorts them by (for digest windows).</summary>
    public ImmutableArray<UniqueAddress> OwnersInOrder() =>
        [.. Owners.Where(o => o.Value.Watermark > 0).Select(o => o.Key).Order()];
}
