using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>
/// Failure detection in the simulator is the cores' own (heartbeats with phi-accrual, or Lifeguard
/// probes) over the simulated network: crashes, pauses and partitions are noticed only because
/// messages stop arriving. Each rule holds for both detectors.
/// </summary>
public class FailureDetectionTests
{
    public static TheoryData<string> Detectors() => ["lifeguard", "phi-accrual"];

    private static SimulationOptions Options(string detector, int nodes, int seed = 1) => new()
    {
        Nodes = nodes,
        Seed = seed,
        Configuration = $"akka.convergence {{ downing.stable-after = 20s, failure-detector.kind = {detector} }}",
    };

    private static SimulatedCluster Cluster(string detector, int nodes, int seed = 1) => new(Options(detector, nodes, seed));

    private static bool MarksUnreachable(SimulatedNode observer, int slot, SimulatedCluster cluster) =>
        !observer.State.Membership.ReachabilityExcludingDownedObservers.IsReachable(cluster.NodeAt(slot)!.Self);

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_crash_is_detected_by_the_silence_that_follows_within_a_few_seconds(string detector)
    {
        var report = ClusterSimulation.Run(Options(detector, 10) with { Scenario = SimulationScenario.Crash, SteadyStateWindow = TimeSpan.Zero });

        Assert.True(report.Converged);
        Assert.InRange(report.DetectionMillis!.Value, 1_000, 6_500);
        Assert.True(report.MessagesByType.ContainsKey(detector == "lifeguard" ? "Ping" : "Heartbeat"));
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_crash_is_accused_by_about_its_monitors_not_by_every_member_that_had_a_connection(string detector)
    {
        // Every one of the 60 members has talked to the victim during formation, so its transport
        // reports the closed connection to all of them at once.
        var report = ClusterSimulation.Run(Options(detector, 60) with { Scenario = SimulationScenario.Crash, SteadyStateWindow = TimeSpan.Zero });

        Assert.True(report.Converged);
        Assert.InRange(report.Facts.GetValueOrDefault(nameof(MarkedUnreachable)), 1, 8); // monitored-by-nr-of-members = 5, plus a few concurrent confirmers.
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_node_paused_longer_than_the_detector_tolerates_is_marked_unreachable_and_reachable_again_when_it_resumes(string detector)
    {
        var cluster = Cluster(detector, 7);
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

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_short_pause_within_the_acceptable_pause_goes_unnoticed(string detector)
    {
        var cluster = Cluster(detector, 7);
        cluster.Bootstrap(7);
        cluster.RunFor(5_000);

        cluster.Pause(3, 1_500);
        cluster.RunFor(10_000);

        Assert.False(cluster.Metrics.Facts.ContainsKey(nameof(MarkedUnreachable)));
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_paused_node_resumes_its_rounds_without_a_burst_and_reports_that_it_ran_late(string detector)
    {
        var cluster = Cluster(detector, 5);
        cluster.Bootstrap(5);
        cluster.RunFor(5_000);
        var roundsAfterResume = 0L;
        cluster.Stepped = (node, _, result, input) =>
        {
            if (node.Slot == 2 && input is WakeUp)
            {
                roundsAfterResume += result.Effects.OfType<Send>().Count(s => s.Message is Heartbeat || s.Message is Ping p && p.From == node.Self);
            }
        };

        cluster.Pause(2, 6_000);
        cluster.RunFor(6_500);

        // One round when it resumes, not the six it missed (phi: one heartbeat to each of 4 monitored).
        Assert.InRange(roundsAfterResume, 1, 4 * 2);
        Assert.True(cluster.Metrics.Facts.GetValueOrDefault(nameof(TimerDelayed)) > 0);
    }

    [Theory]
    [MemberData(nameof(Detectors))]
    public void A_one_way_partition_is_seen_by_the_side_that_stops_hearing(string detector)
    {
        var cluster = Cluster(detector, 5, seed: 4);
        cluster.Bootstrap(5);
        cluster.RunFor(5_000);

        cluster.Network.Block([4], [0, 1, 2, 3]); // Node 4's messages, answers included, are lost.

        Assert.True(cluster.RunUntil(() => cluster.LiveNodes.Where(n => n.Slot != 4).Any(n => MarksUnreachable(n, 4, cluster)), cluster.Now + 10_000));
    }
}
