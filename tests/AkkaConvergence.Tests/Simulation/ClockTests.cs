using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>
/// Every deadline runs on the monotonic clock: wall clocks that jump by minutes, either way, on
/// every node, change nothing about when anything happens.
/// </summary>
public class ClockTests
{
    [Theory]
    [InlineData(SimulationScenario.Join)]
    [InlineData(SimulationScenario.Leave)]
    [InlineData(SimulationScenario.Crash)]
    public void Wall_clock_jumps_of_minutes_neither_stall_nor_rush_the_protocol(SimulationScenario scenario)
    {
        var steady = Run(scenario, jumpClocks: false);
        var jumping = Run(scenario, jumpClocks: true);

        Assert.True(steady.Converged && jumping.Converged);
        Assert.Equal(steady.ConvergedAfterMillis, jumping.ConvergedAfterMillis);
        Assert.Equal(steady.Messages, jumping.Messages);
    }

    private static (bool Converged, long ConvergedAfterMillis, long Messages) Run(SimulationScenario scenario, bool jumpClocks)
    {
        var cluster = new SimulatedCluster(new SimulationOptions { Nodes = 7, Seed = 9, Configuration = "akka.convergence.downing.stable-after = 5s" });
        cluster.Bootstrap(7);
        if (jumpClocks)
        {
            var random = new Random(5);
            for (var t = 100L; t < 60_000; t += 250)
            {
                cluster.At(t, () =>
                {
                    foreach (var node in cluster.LiveNodes)
                    {
                        cluster.JumpWallClock(node.Slot, random.Next(-30, 31) * 60_000L);
                    }
                });
            }
        }

        cluster.RunFor(2_000);
        var start = cluster.Now;
        var target = cluster.NodeAt(6)!.Self;
        switch (scenario)
        {
            case SimulationScenario.Join:
                cluster.Start(7);
                cluster.Input(7, new JoinSeedNodesCommand([SimulatedCluster.AddressOf(0)]));
                cluster.TrackGoal(node => node.State.Gossip.Members.Count == 8 && node.State.Gossip.Members.All(m => m.Status == MemberStatus.Up));
                break;
            case SimulationScenario.Leave:
                cluster.Input(6, new LeaveCommand(target.Address));
                cluster.TrackGoal(node => !node.State.Gossip.HasMember(target) && node.State.Gossip.Members.Count == 6);
                break;
            default:
                cluster.Crash(6);
                cluster.TrackGoal(node => !node.State.Gossip.HasMember(target) && node.State.Gossip.Members.Count == 6);
                break;
        }

        cluster.Metrics.ResetTraffic();
        var converged = cluster.RunUntil(cluster.HasConverged, start + 60_000);
        return (converged, cluster.Now - start, cluster.Metrics.Messages);
    }
}
