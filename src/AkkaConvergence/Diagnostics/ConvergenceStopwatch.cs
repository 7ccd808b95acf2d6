namespace AkkaConvergence.Diagnostics;

/// <summary>
/// Measures how long this node's view stays unconverged after a change: started by the first
/// unconverged view, stopped by the next converged one. A change that converges in the same step
/// (a lone node, a no-op merge) is not a measurement.
/// </summary>
internal sealed class ConvergenceStopwatch
{
    private long? _unconvergedSinceMillis;

    /// <summary>Takes one new view; returns the time since the change when it is the one that converged.</summary>
    public TimeSpan? Observe(bool isConverged, long nowMillis)
    {
        if (!isConverged)
        {
            _unconvergedSinceMillis ??= nowMillis;
            return null;
        }

        if (_unconvergedSinceMillis is not { } since)
        {
            return null;
        }

        _unconvergedSinceMillis = null;
        return TimeSpan.FromMilliseconds(nowMillis - since);
    }
}
