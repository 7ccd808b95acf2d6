namespace AkkaConvergence.Simulation;

/// <summary>
/// Which slots can reach which: directed blocks (a partition is two of them; a one-way partition
/// is one). Failure detection sees a block only as heartbeats that do not arrive, as on a real network.
/// </summary>
internal sealed class SimulatedNetwork
{
    private readonly HashSet<(int From, int To)> _blocked = [];
    private readonly Dictionary<(int From, int To), double> _linkLoss = [];

    public bool IsBlocked(int from, int to) => _blocked.Contains((from, to));

    /// <summary>The loss of messages from <paramref name="from"/> to <paramref name="to"/> on top of the run's loss (0 on most links).</summary>
    public double LinkLoss(int from, int to) => _linkLoss.Count == 0 ? 0 : _linkLoss.GetValueOrDefault((from, to));

    /// <summary>Messages between the two slots are lost with <paramref name="probability"/>, both ways.</summary>
    public void SetLinkLoss(int a, int b, double probability)
    {
        _linkLoss[(a, b)] = probability;
        _linkLoss[(b, a)] = probability;
    }

    /// <summary>Messages from any slot in <paramref name="from"/> to any slot in <paramref name="to"/> are lost.</summary>
    public void Block(IEnumerable<int> from, IEnumerable<int> to)
    {
        var targets = to.ToList();
        foreach (var source in from)
        {
            foreach (var target in targets.Where(t => t != source))
            {
                _blocked.Add((source, target));
            }
        }
    }

    /// <summary>Cuts both directions between the two sides.</summary>
    public void Partition(IReadOnlyCollection<int> sideA, IReadOnlyCollection<int> sideB)
    {
        Block(sideA, sideB);
        Block(sideB, sideA);
    }

    public void HealAll()
    {
        _blocked.Clear();
        _linkLoss.Clear();
    }
}
