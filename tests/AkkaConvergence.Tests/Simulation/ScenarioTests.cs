using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>
/// Every scenario on simulated clusters. Invariants are checked after every step of every run
/// (a violation throws with the seed to replay), so each passing run is also a safety check.
/// </summary>
public class ScenarioTests
{
    private static SimulationOptions Options(SimulationScenario scenario, int nodes, int seed = 1) => new()
    {
        Scenario = scenario,
        Nodes = nodes,
        Seed = seed,
        Configuration = $"akka.convergence.downing.stable-after = {(scenario == SimulationScenario.Partition ? 20 : 5)}s",
        SteadyStateWindow = TimeSpan.FromSeconds(3),
        MaxVirtualTime = TimeSpan.FromMinutes(2),
    };

    [Theory]
    [InlineData(SimulationScenario.Formation, 5)]
    [InlineData(SimulationScenario.Join, 5)]
    [InlineData(SimulationScenario.Leave, 5)]
    [InlineData(SimulationScenario.Crash, 5)]
    [InlineData(SimulationScenario.Partition, 5)]
    [InlineData(SimulationScenario.RollingRestart, 5)]
    [InlineData(SimulationScenario.Formation, 50)]
    [InlineData(SimulationScenario.Join, 50)]
    [InlineData(SimulationScenario.Leave, 50)]
    [InlineData(SimulationScenario.Crash, 50)]
    [InlineData(SimulationScenario.Partition, 50)]
    public void Every_scenario_converges(SimulationScenario scenario, int nodes)
    {
        var report = ClusterSimulation.Run(Options(scenario, nodes));

        Assert.True(report.Converged, $"{report.Scenario} with {nodes} nodes did not converge in {report.VirtualMillisToConvergence} ms");
        Assert.Equal(1.0, report.Progress[^1].Fraction);
        Assert.True(report.Messages > 0 && report.Bytes > 0);
    }

    [Theory]
    [InlineData(SimulationScenario.Join, 500)]
    [InlineData(SimulationScenario.Leave, 500)]
    public void Joins_and_leaves_of_500_nodes_take_a_few_message_hops_not_gossip_rounds(SimulationScenario scenario, int nodes)
    {
        var report = ClusterSimulation.Run(Options(scenario, nodes) with { MeasureBytes = false, SteadyStateWindow = TimeSpan.Zero });

        Assert.True(report.Converged);
        Assert.True(report.VirtualMillisToConvergence < 1_000, $"took {report.VirtualMillisToConvergence} ms of virtual time");
    }

    [Theory]
    [InlineData(SimulationScenario.Formation)]
    [InlineData(SimulationScenario.Join)]
    [InlineData(SimulationScenario.Leave)]
    [InlineData(SimulationScenario.Crash)]
    [InlineData(SimulationScenario.RollingRestart)]
    public void Scenarios_converge_with_ten_percent_message_loss_and_jitter(SimulationScenario scenario)
    {
        var report = ClusterSimulation.Run(Options(scenario, 12, seed: 7) with { Loss = 0.1, Jitter = TimeSpan.FromMilliseconds(20) });

        Assert.True(report.Converged, $"{report.Scenario} did not converge in {report.VirtualMillisToConvergence} ms");
    }

    [Fact]
    public void The_same_seed_replays_the_same_run()
    {
        var options = Options(SimulationScenario.Crash, 20, seed: 42) with { Loss = 0.05, Jitter = TimeSpan.FromMilliseconds(5) };

        var first = ClusterSimulation.Run(options);
        var second = ClusterSimulation.Run(options);

        Assert.Equal(
            (first.VirtualMillisToConvergence, first.Messages, first.Bytes, first.StepsProcessed),
            (second.VirtualMillisToConvergence, second.Messages, second.Bytes, second.StepsProcessed));
        Assert.Equal(first.Progress, second.Progress);
    }

    [Fact]
    public void Joins_converge_for_many_seeds_under_loss_and_jitter()
    {
        var failures = new List<string>();
        for (var seed = 1; seed <= 25; seed++)
        {
            var report = ClusterSimulation.Run(Options(SimulationScenario.Join, 8, seed) with
            {
                Loss = 0.15,
                Jitter = TimeSpan.FromMilliseconds(30),
                SteadyStateWindow = TimeSpan.Zero,
            });
            if (!report.Converged)
            {
                failures.Add($"seed {seed}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Once_converged_each_node_sends_about_one_small_digest_per_gossip_interval_and_one_probe()
    {
        var report = ClusterSimulation.Run(Options(SimulationScenario.Join, 50) with { SteadyStateWindow = TimeSpan.FromSeconds(20) });
        var perType = report.SteadyMessagesPerNodePerSecondByType;

        var digests = perType.Where(kv => kv.Key.StartsWith("GossipStatus", StringComparison.Ordinal) || kv.Key == nameof(VersionFingerprint)).Sum(kv => kv.Value);
        Assert.InRange(digests, 0.9, 1.5);
        Assert.InRange(perType.GetValueOrDefault(nameof(VersionFingerprint)), 0.8, 1.5); // Converged: mostly fingerprints, rarely full statuses.
        Assert.False(perType.ContainsKey("GossipEnvelope"), "steady traffic is digests, not full gossips");
        Assert.Equal(1, perType["Ping"], precision: 1); // One probe per probe interval (Lifeguard), whatever the cluster size.
        Assert.Equal(1, perType["ProbeReply"], precision: 1);
        Assert.False(perType.ContainsKey("PingRequest"), "no indirect probes while everyone answers");
    }

    [Fact]
    public void A_cluster_at_rest_sends_only_probes_and_fingerprints_and_no_digest_above_a_fingerprint()
    {
        var report = ClusterSimulation.Run(Options(SimulationScenario.Steady, 300) with { SteadyStateWindow = TimeSpan.FromSeconds(10) });
        var perType = report.SteadyMessagesPerNodePerSecondByType;

        Assert.True(report.Converged);
        Assert.Equal(["Ping", "ProbeReply", nameof(VersionFingerprint)], perType.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, perType["Ping"], precision: 1);
        Assert.InRange(perType[nameof(VersionFingerprint)], 0.8, 1.0);
        Assert.True(report.MaxDigestBytes is > 0 and < 120, $"largest digest {report.MaxDigestBytes} B");
    }

    [Fact]
    public void After_a_join_the_seen_sets_agree_so_the_steady_state_is_fingerprints_and_the_largest_digest_stays_under_1_KB()
    {
        var report = ClusterSimulation.Run(Options(SimulationScenario.Join, 300) with { SteadyStateWindow = TimeSpan.FromSeconds(10) });
        var perType = report.SteadyMessagesPerNodePerSecondByType;

        Assert.True(report.Converged);
        Assert.True(perType.GetValueOrDefault("GossipStatusPeriodic") < 0.05, $"periodic statuses {perType.GetValueOrDefault("GossipStatusPeriodic")}/node/s: seen-sets still differ");
        Assert.InRange(report.MaxDigestBytes, 1, 1024);
    }

    [Fact]
    public void A_join_reports_when_half_and_99_percent_of_the_nodes_saw_it_and_a_crash_does_not()
    {
        var join = ClusterSimulation.Run(Options(SimulationScenario.Join, 200) with { Loss = 0.1 });
        var crash = ClusterSimulation.Run(Options(SimulationScenario.Crash, 5));

        Assert.True(join.Converged);
        Assert.NotNull(join.P50Millis);
        Assert.InRange(join.P50Millis!.Value, 1, join.P99Millis!.Value);
        Assert.InRange(join.P99Millis.Value, join.P50Millis.Value, join.VirtualMillisToConvergence);
        Assert.Null(crash.P99Millis);
    }

    [Fact]
    public void With_phi_accrual_each_node_sends_a_heartbeat_to_each_member_it_monitors_every_interval()
    {
        var report = ClusterSimulation.Run(Options(SimulationScenario.Join, 50) with
        {
            SteadyStateWindow = TimeSpan.FromSeconds(20),
            Configuration = "akka.convergence.failure-detector.kind = phi-accrual",
        });
        var perType = report.SteadyMessagesPerNodePerSecondByType;

        Assert.Equal(5, perType["Heartbeat"], precision: 1); // monitored-by-nr-of-members, one round per second
        Assert.Equal(5, perType["HeartbeatResponse"], precision: 1);
        Assert.False(perType.ContainsKey("Ping"));
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_option_named()
    {
        var error = Assert.Throws<ArgumentException>(() => ClusterSimulation.Run(new SimulationOptions { Loss = 1.5 }));
        Assert.Contains("Loss", error.Message, StringComparison.Ordinal);

        var partition = new SimulationOptions { Scenario = SimulationScenario.Partition, PartitionDuration = TimeSpan.FromSeconds(30) };
        Assert.Contains("PartitionDuration", Assert.Throws<ArgumentException>(() => ClusterSimulation.Run(partition)).Message, StringComparison.Ordinal);
    }
}
