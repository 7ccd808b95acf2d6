using System.Collections.Immutable;
using System.Text;

namespace AkkaConvergence.KeyValue;

/// <summary>
/// Builds the deltas for one message to one peer: for each owner the peer is behind on, the writes
/// after what it is known to have, within a byte budget, fairly across owners. Entries are taken
/// round-robin, one owner's next write per turn, starting at a rotating owner, so a busy owner
/// cannot starve a sparse one (chitchat #119) and what does not fit goes in the next message.
/// An owner whose tombstone horizon is past what the peer has gets its complete state, whole or
/// not at all (the quotas keep it within one message).
/// </summary>
internal static class DeltaBuilder
{
    /// <summary>A rough upper bound of an owner's wire cost in a delta beyond its entries (address, versions, counts).</summary>
    private const int OwnerOverheadBytes = 64;

    /// <summary>Wire cost of one entry beyond its key, manifest and value (version, serializer id, lengths).</summary>
    private const int EntryOverheadBytes = 24;

    /// <param name="store">What this node holds.</param>
    /// <param name="behind">Owners the peer is behind on, with the version it has (0 when nothing is known).</param>
    /// <param name="budgetBytes">The most bytes the deltas may take.</param>
    /// <param name="rotation">Where the round-robin starts (a random number: no owner always goes first).</param>
    public static ImmutableArray<OwnerDelta> Build(StateStore store, IReadOnlyList<(UniqueAddress Owner, long Has)> behind, int budgetBytes, int rotation)
    {
        if (behind.Count == 0)
        {
            return [];
        }

        var plans = new List<OwnerPlan>(behind.Count);
        for (var i = 0; i < behind.Count; i++)
        {
            var (owner, has) = behind[(i + rotation) % behind.Count];
            var state = store.Of(owner);
            if (state.Watermark <= has)
            {
                continue;
            }

            var from = has < state.Horizon || has <= 0 ? 0 : has;
            plans.Add(new OwnerPlan(owner, state, from, [.. state.EntriesAfter(from)]));
        }

        var remaining = budgetBytes;
        var progressed = true;
        while (progressed && remaining > 0)
        {
            progressed = false;
            foreach (var plan in plans)
            {
                if (plan.IsDone)
                {
                    continue;
                }

                var cost = plan.NextCost();
                if (cost > remaining)
                {
                    plan.Stop();
                    continue;
                }

                remaining -= cost;
                plan.TakeNext();
                progressed = true;
            }
        }

        return [.. plans.Where(p => p.Taken > 0 || p.IsCompleteAndTaken).Select(p => p.ToDelta())];
    }

    public static int CostOf(string key, StateEntry entry) =>
        Encoding.UTF8.GetByteCount(key) + EntryOverheadBytes + (entry.Value is { } value ? value.Length + Encoding.UTF8.GetByteCount(value.Manifest) : 0);

    /// <summary>One owner's part: how many of its pending writes are taken so far.</summary>
    private sealed class OwnerPlan(UniqueAddress owner, OwnerState state, long from, KeyValuePair<string, StateEntry>[] pending)
    {
        private bool _stopped;

        public int Taken { get; private set; }

        /// <summary>A complete delta of an owner with nothing live (all deleted and purged) still travels: it resets the peer.</summary>
        public bool IsCompleteAndTaken { get; private set; }

        private bool IsComplete => from == 0;

        public bool IsDone => _stopped || IsCompleteAndTaken || (Taken == pending.Length && (!IsComplete || Taken > 0));

        public int NextCost()
        {
            if (IsComplete)
            {
                return OwnerOverheadBytes + pending.Sum(e => CostOf(e.Key, e.Value));
            }

            return (Taken == 0 ? OwnerOverheadBytes : 0) + CostOf(pending[Taken].Key, pending[Taken].Value);
        }

        public void TakeNext()
        {
            if (IsComplete)
            {
                Taken = pending.Length;
                IsCompleteAndTaken = true;
                return;
            }

            Taken++;
        }

        public void Stop() => _stopped = true;

        public OwnerDelta ToDelta()
        {
            var to = Taken == pending.Length ? state.Watermark : pending[Taken - 1].Value.Version;
            return new OwnerDelta(
                owner,
                from,
                to,
                IsComplete ? state.Horizon : 0,
                [.. pending.Take(Taken).Select(e => new DeltaEntry(e.Key, e.Value.Version, e.Value.Value))]);
        }
    }
}
