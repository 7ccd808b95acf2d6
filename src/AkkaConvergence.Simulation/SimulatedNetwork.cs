namespace AkkaConvergence.Simulation;

/// <summary>
/// Which slots can reach which: directed blocks (a partition is two of them; one-way partitions
/// are one), each remembered with the time it began so the failure-detector model can tell how
/// long a link has been down.
/// </summary>
internal sealed class SimulatedNetwork
{
    private readonly Dictionary<(int From, int To), long> _blockedSince = [];

    public bool IsBlocked(int from, int to) => _blockedSince.ContainsKey((from, to));

    public long? BlockedSince(int from, int to) => _blockedSince.TryGetValue((from, to), out var since) ? since : null;

    /// <summary>Messages from any slot in <paramref name="from"/> to any slot in <paramref name="to"/> are lost.</summary>
    public void Block(IEnumerable<int> from, IEnumerable<int> to, long nowMillis)
    {
        var targets = to.ToList();
        foreach (var source in from)
        {
            foreach (var target in targets.Where(t => t != source))
            {
                _blockedSince.TryAdd((source, target), nowMillis);
            }
        }
    }

    /// <summary>Cuts both directions between the two sides.</summary>
    public void Partition(IReadOnlyCollection<int> sideA, IReadOnlyCollection<int> sideB, long nowMillis)
    {
        Block(sideA, sideB, nowMillis);
        Block(sideB, sideA, nowMillis);
    }

    public void HealAll() => _blockedSince.Clear();
}
