namespace AkkaConvergence.Simulation;

/// <summary>
/// The scenario's goal for one node's view, how many live nodes reach it, and the dissemination
/// curve (fraction of live nodes at the goal over virtual time).
/// </summary>
internal sealed class ProgressTracker
{
    private readonly List<ProgressSample> _samples = [];
    private Func<SimulatedNode, bool> _goal = _ => false;
    private readonly List<long> _firstReachedMillis = [];
    private long? _origin;

    public int Reached { get; private set; }

    public IReadOnlyList<ProgressSample> Samples => _samples;

    /// <summary>
    /// Virtual milliseconds since tracking began until the fraction <paramref name="quantile"/> of
    /// <paramref name="live"/> nodes had reached the goal (each count's first moment), or null if they never did.
    /// </summary>
    public long? QuantileMillis(double quantile, int live)
    {
        var count = Math.Max(1, (int)Math.Ceiling(quantile * live));
        return count <= _firstReachedMillis.Count ? _firstReachedMillis[count - 1] : null;
    }

    /// <summary>Sets the goal and starts the curve at <paramref name="nowMillis"/>.</summary>
    public void Track(Func<SimulatedNode, bool> goal, IEnumerable<SimulatedNode> liveNodes, int live, long nowMillis)
    {
        _goal = goal;
        _samples.Clear();
        _origin = nowMillis;
        _firstReachedMillis.Clear();
        Reached = 0;
        foreach (var node in liveNodes)
        {
            node.ReachedGoal = goal(node);
            Reached += node.ReachedGoal ? 1 : 0;
        }

        NoteFirstReached(nowMillis);

        Record(live, nowMillis);
    }

    /// <summary>Re-evaluates one node after it stepped.</summary>
    public void Update(SimulatedNode node, int live, long nowMillis)
    {
        var reached = node.IsAlive && _goal(node);
        if (reached != node.ReachedGoal)
        {
            node.ReachedGoal = reached;
            Reached += reached ? 1 : -1;
            NoteFirstReached(nowMillis);
            Record(live, nowMillis);
        }
    }

    /// <summary>A node died: it no longer counts.</summary>
    public void Forget(SimulatedNode node, int live, long nowMillis)
    {
        if (node.ReachedGoal)
        {
            Reached--;
        }

        node.ReachedGoal = false;
        Record(live, nowMillis);
    }

    private void NoteFirstReached(long nowMillis)
    {
        while (_firstReachedMillis.Count < Reached)
        {
            _firstReachedMillis.Add(nowMillis - (_origin ?? nowMillis));
        }
    }

    private void Record(int live, long nowMillis)
    {
        if (_origin is not { } origin || live == 0)
        {
            return;
        }

        var fraction = (double)Reached / live;
        if (_samples.Count == 0 || Math.Abs(_samples[^1].Fraction - fraction) >= 0.002 || fraction is 0 or 1)
        {
            if (_samples.Count > 0 && _samples[^1].VirtualMillis == nowMillis - origin)
            {
                _samples[^1] = new ProgressSample(nowMillis - origin, fraction);
            }
            else
            {
                _samples.Add(new ProgressSample(nowMillis - origin, fraction));
            }
        }
    }
}
