namespace AkkaConvergence.Simulation;

/// <summary>What a chaos run did and whether the cluster came through it.</summary>
/// <param name="Faults">The faults the nemesis injected, by kind (crash, restart, pause, partition, one-way, loss-burst, clock-jump).</param>
/// <param name="Converged">Once the faults stopped, every live node reached one view within the bound: the same version, all members Up, nobody unreachable.</param>
/// <param name="DeadRemoved">No live view still holds an incarnation that is no longer running.</param>
/// <param name="SingleCluster">All live nodes are in one cluster (no two disjoint sides both kept their Up members).</param>
/// <param name="SettledAfterMillis">Virtual milliseconds from the end of the faults until that view (the bound when it never came).</param>
/// <param name="SelfDowned">Nodes that ended their own membership because they were downed (partitions resolved, or a healthy node lost).</param>
public sealed record ChaosReport(
    IReadOnlyDictionary<string, int> Faults,
    bool Converged,
    bool DeadRemoved,
    bool SingleCluster,
    long SettledAfterMillis,
    int SelfDowned)
{
    /// <summary>Everything the run must show: converged, dead removed, one cluster.</summary>
    public bool Passed => Converged && DeadRemoved && SingleCluster;
}
