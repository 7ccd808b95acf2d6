namespace AkkaConvergence.Simulation;

/// <summary>
/// The first moment every live node's view satisfies a condition (e.g. "marks the crashed node
/// unreachable"), kept up to date one step at a time so it costs O(1) per step at any size.
/// </summary>
internal sealed class Milestone(Func<SimulatedNode, bool> condition, long originMillis)
{
    private readonly HashSet<SimulatedNode> _satisfied = [];

    /// <summary>Virtual milliseconds from the origin until every live node satisfied the condition; null until then.</summary>
    public long? ReachedAfterMillis { get; private set; }

    public void Update(SimulatedNode node, int live, long nowMillis)
    {
        if (node.IsAlive && condition(node))
        {
            _satisfied.Add(node);
        }
        else
        {
            _satisfied.Remove(node);
        }

        if (ReachedAfterMillis is null && live > 0 && _satisfied.Count == live)
        {
            ReachedAfterMillis = nowMillis - originMillis;
        }
    }
}
