using System.Collections.Concurrent;
using AkkaConvergence.Diagnostics;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Actors;

/// <summary>
/// Counters the shell reads back (a test too): inputs the core dropped and messages the shell
/// refused, by reason; each is also counted on the <see cref="ConvergenceMeter"/> for operators.
/// </summary>
internal sealed class ConvergenceMetrics
{
    private readonly ConcurrentDictionary<DropReason, long> _drops = new();
    private readonly ConcurrentDictionary<RefusalReason, long> _refusals = new();

    public ConvergenceMetrics(ConvergenceMeter meter)
    {
        Meter = meter;
    }

    /// <summary>The node's instruments, for what the shell measures beyond drops and refusals.</summary>
    public ConvergenceMeter Meter { get; }

    /// <summary>Counts a drop; returns the count so far (for rate-limited logging).</summary>
    public long CountDrop(DropReason reason)
    {
        Meter.Dropped(reason);
        return _drops.AddOrUpdate(reason, 1, (_, count) => count + 1);
    }

    public long Drops(DropReason reason) => _drops.GetValueOrDefault(reason);

    /// <summary>Counts a refusal; returns the count so far (for rate-limited logging).</summary>
    public long CountRefusal(RefusalReason reason)
    {
        Meter.Refused(reason.ToString());
        return _refusals.AddOrUpdate(reason, 1, (_, count) => count + 1);
    }

    public long Refusals(RefusalReason reason) => _refusals.GetValueOrDefault(reason);
}
