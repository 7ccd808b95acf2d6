using System.Collections.Immutable;

namespace AkkaConvergence.KeyValue;

/// <summary>
/// Every member's key/value state as this node holds it, by owner incarnation. Only members of
/// this node's membership view are owners: a removed incarnation's state goes with it, and its
/// membership tombstone keeps a late message from bringing it back.
/// </summary>
internal sealed record StateStore(ImmutableDictionary<UniqueAddress, OwnerState> Owners)
{
    public static StateStore Empty { get; } = new(ImmutableDictionary<UniqueAddress, OwnerState>.Empty);

    public OwnerState Of(UniqueAddress owner) => Owners.TryGetValue(owner, out var state) ? state : OwnerState.Empty;

    public long WatermarkOf(UniqueAddress owner) => Owners.TryGetValue(owner, out var state) ? state.Watermark : 0;

    public StateStore With(UniqueAddress owner, OwnerState state) => new(Owners.SetItem(owner, state));

    /// <summary>
    /// One number for what this node holds: equal summaries mean (with 64-bit certainty) equal
    /// watermarks for every owner, so a periodic exchange of summaries costs a few bytes at any
    /// cluster size and only a difference leads to a precise (windowed) digest.
    /// </summary>
    public ulong Summary
    {
        get
        {
            ulong summary = 0;
            foreach (var (owner, state) in Owners)
            {
                if (state.Watermark > 0)
                {
                    summary ^= StateSummary.Term(owner, state.Watermark);
                }
            }

            return summary;
        }
    }

    /// <summary>Owners with anything written, in the one order every node sorts them by (for digest windows).</summary>
    public ImmutableArray<UniqueAddress> OwnersInOrder() =>
        [.. Owners.Where(o => o.Value.Watermark > 0).Select(o => o.Key).Order()];
}
