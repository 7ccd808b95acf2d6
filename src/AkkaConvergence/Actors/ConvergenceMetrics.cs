using System.Collections.Concurrent;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Actors;

/// <summary>Counters an operator (or a test) can read: inputs the core dropped, by reason.</summary>
internal sealed class ConvergenceMetrics
{
    private readonly ConcurrentDictionary<DropReason, long> _drops = new();

    public void CountDrop(DropReason reason) => _drops.AddOrUpdate(reason, 1, (_, count) => count + 1);

    public long Drops(DropReason reason) => _drops.GetValueOrDefault(reason);
}
