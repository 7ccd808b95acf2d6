using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>
/// Failure detection in the simulator is the cores' own heartbeating over the simulated network:
/// crashes, pauses and partitions are noticed only because heartbeats stop arriving.
/// </summary>
public class FailureDetectionTests
{
    private static SimulatedCluster Cluster(int nodes, int seed = 1) => new(new SimulationOptions
    {
        Nodes = nodes,
        Seed = seed,
        Configuration = "akka.convergence.downing.stable-after = 20s",
    });

    private static bool MarksUnreachable(SimulatedNode observer, int slot, SimulatedCluster cluster) =>
        !observer.State.Membership.ReachabilityExcludingDownedObservers.IsReachable(cluster.NodeAt(slot)!.Self);

    [Fact]
    public void A_crash_is_detected_by_missing_heartbeats_after_the_acceptable_pause()
    {
        var report = ClusterSimulation.Run(new SimulationOptions { Nodes = 10, Scenario = SimulationScenario.Crash, SteadyStateWindow = TimeSpan.Zero });

        // Phi with 1 s heartbeats and a 3 s acceptable pause crosses its threshold some 4.5 s after
        // the last answer; the reaper runs each second.
        Assert.True(report.Converged);
        Assert.InRange(report.DetectionMillis!.Value, 3_000, 6_500);
        Assert.True(report.MessagesByType["Heartbeat"] > 0 && report.MessagesByType["HeartbeatResponse"] > 0);
    }

    [Fact]
    public void A_node_paused_longer_than_the_detector_tolerates_is_marked_unreachable_and_reachable_again_when_it_resumes()
    {
        var cluster = Cluster(7);
        cluster.Bootstrap(7);
        cluster.RunFor(5_000);

        cluster.Pause(6, 8_000);
        Assert.True(cluster.RunUntil(() => cluster.LiveNodes.Where(n => n.Slot != 6).All(n => MarksUnreachable(n, 6, cluster)), cluster.Now + 8_000));

        cluster.TrackGoal(node => node.State.Gossip.Members.Count == 7
                                  && node.State.Gossip.Members.All(m => m.Status == MemberStatus.Up)
                                  && node.State.Gossip.Reachability.AllUnreachableOrTerminated.IsEmpty);
        Assert.True(cluster.RunUntil(cluster.HasConverged, cluster.Now + 15_000), "everyone reachable and Up again before stable-after");
        Assert.Equal(7, cluster.LiveNodes.Count());
        Assert.False(cluster.Metrics.Facts.ContainsKey(nameof(DowningDecided)));
    }

    [Fact]
    public void A_short_pause_within_the_acceptable_pause_goes_unnoticed()
    {
        var cluster = Cluster(7);
        cluster.Bootstrap(7);
        cluster.RunFor(5_000);

        cluster.Pause(3, 1_500);
        cluster.RunFor(10_000);

        Assert.False(cluster.Metrics.Facts.ContainsKey(nameof(MarkedUnreachable)));
    }

    [Fact]
    public void A_paused_node_resumes_its_rounds_without_a_burst_and_reports_that_it_ran_late()
    {
        var cluster = Cluster(5);
        cluster.Bootstrap(5);
        cluster.RunFor(5_000);
        var heartbeatsBefore = 0L;
        cluster.Stepped = (node, _, result, _) =>
        {
            if (node.Slot == 2)
            {
                heartbeatsBefore += result.Effects.OfType<Send>().Count(s => s.Message is Heartbeat);
            }
        };

        cluster.Pause(2, 6_000);
        cluster.RunFor(6_500);

        // One round (to its monitored members) when it resumes, not the six it missed.
        Assert.InRange(heartbeatsBefore, 1, 4 * 2);
        Assert.True(cluster.Metrics.Facts.GetValueOrDefault(nameof(TimerDelayed)) > 0);
    }

    [Fact]
    public void A_one_way_partition_is_seen_only_by_the_side_that_stops_hearing()
    {
        var cluster = Cluster(5, seed: 4);
        cluster.Bootstrap(5);
        cluster.RunFor(5_000);

        cluster.Network.Block([4], [0, 1, 2, 3]); // Node 4's messages, heartbeat answers included, are lost.

        Assert.True(cluster.RunUntil(() => cluster.LiveNodes.Where(n => n.Slot != 4).Any(n => MarksUnreachable(n, 4, cluster)), cluster.Now + 10_000));
    }
}
