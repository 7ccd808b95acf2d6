using AkkaConvergence.Simulation;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>
/// A fixed sample of nemesis runs (crashes, restarts, pauses, partitions, one-way cuts, loss
/// bursts, clock jumps for half a minute, then quiet). Every step is invariant-checked; afterwards
/// the cluster must settle on one view with the dead removed and no split brain. The wide sweep
/// (1,000 seeds) is a command: see docs/reliability.md.
/// </summary>
public class ChaosTests
{
    [Theory]
    [InlineData(15, 1)]
    [InlineData(15, 2)]
    [InlineData(15, 3)]
    [InlineData(15, 16)] // Once downed all its members: failures that only followed one another were taken for instability.
    [InlineData(15, 54)] // Once downed all its members: a node that paused held back accusations others confirmed, and the late ones kept reachability changing.
    [InlineData(15, 402)] // Once downed all its members: instability was counted from the first change, across the leader's decisions.
    [InlineData(15, 518)] // Once downed all its members: a node cut off for 9 s kept what it accused meanwhile after the cut healed.
    [InlineData(30, 4)]
    public void The_cluster_comes_through_a_nemesis(int nodes, int seed)
    {
        var report = ClusterSimulation.Run(new SimulationOptions { Nodes = nodes, Seed = seed, Scenario = SimulationScenario.Chaos, SteadyStateWindow = TimeSpan.Zero });

        var chaos = report.Chaos!;
        Assert.True(chaos.Faults.Values.Sum() >= 4, "the nemesis did something");
        Assert.True(chaos.Converged, $"no single view {chaos.SettledAfterMillis} ms after the faults (seed {seed})");
        Assert.True(chaos.DeadRemoved, $"a dead incarnation is still a member (seed {seed})");
        Assert.True(chaos.SingleCluster, $"split brain (seed {seed})");
    }
}
