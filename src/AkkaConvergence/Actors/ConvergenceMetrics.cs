using System.Collections.Concurrent;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Actors;

/// <summary>Counters an operator (or a test) can read: inputs the core dropped and messages the shell refused, by reason.</summary>
internal sealed class ConvergenceMetrics
{
    private readonly ConcurrentDictionary<DropReason, long> _drops = new();
    private readonly ConcurrentDictionary<RefusalReason, long> _refusals = new();

    /// <summary>Counts a drop; returns the count so far (for rate-limited logging).</summary>
    public long CountDrop(DropReason reason) => _drops.AddOrUpdate(reason, 1, (_, count) => count + 1);

    public long Drops(DropReason reason) => _drops.GetValueOrDefault(reason);

    /// <summary>Counts a refusal; returns the count so far (for rate-limited logging).</summary>
    public long CountRefusal(RefusalReason reason) => _refusals.AddOrUpdate(reason, 1, (_, count) => count + 1);

    public long Refusals(RefusalReason reason) => _refusals.GetValueOrDefault(reason);
}
