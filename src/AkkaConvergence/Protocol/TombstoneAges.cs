using System.Collections.Immutable;

namespace AkkaConvergence.Protocol;

/// <summary>
/// When a tombstone may be forgotten. Its stamp is wall time (made on one node, judged on another),
/// so a wall clock that jumps forward on the judging node would forget it early, and a late merge
/// from a lagging peer could then bring the removed member back. So a tombstone must also have been
/// held by this node for the whole window on its own monotonic clock: a jump can only delay
/// pruning, never hasten it.
/// </summary>
internal static class TombstoneAges
{
    /// <summary>After a change of the gossip: remember when each new tombstone was first held here, forget pruned ones.</summary>
    public static void Notice(CoreStep step)
    {
        var tombstones = step.Gossip.Tombstones;
        var noticed = step.State.TombstonesNoticedAtMillis;
        if (tombstones.Count == noticed.Count && tombstones.Keys.All(noticed.ContainsKey))
        {
            return;
        }

        var updated = noticed.RemoveRange(noticed.Keys.Where(node => !tombstones.ContainsKey(node)).ToList());
        foreach (var node in tombstones.Keys.Where(node => !updated.ContainsKey(node)))
        {
            updated = updated.Add(node, step.NowMillis);
        }

        step.State = step.State with { TombstonesNoticedAtMillis = updated };
    }

    /// <summary>Tombstones old by the wall clock (stamp) and by this node's own clock (held that long).</summary>
    public static IReadOnlyCollection<UniqueAddress> Expired(CoreStep step)
    {
        var window = (long)step.Settings.PruneTombstonesAfter.TotalMilliseconds;
        var noticed = step.State.TombstonesNoticedAtMillis;
        return step.Gossip.Tombstones
            .Where(t => step.WallMillis - t.Value >= window
                        && noticed.TryGetValue(t.Key, out var since) && step.NowMillis - since >= window)
            .Select(t => t.Key)
            .ToImmutableArray();
    }
}
