using System.Collections.Immutable;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>Sets up each scenario on a <see cref="SimulatedCluster"/>, runs it to convergence and measures it.</summary>
internal static class ScenarioRunner
{
    /// <summary>
    /// Before a crash or a partition the cluster runs this long, so the failure detectors have a
    /// history of heartbeats as in a cluster that has been up for a while (a detector that never
    /// heard a member yet starts only after expected-response-after).
    /// </summary>
    private const long DetectorWarmUpMillis = 10_000;

    /// <summary>The key/value scenario's write: a "load" figure, 8 bytes as Akka's primitive serializer (id 17) writes a double.</summary>
    private const string KvKey = "load";

    /// <summary>How many seconds every node writes in the kv-load scenario.</summary>
    private const int KvLoadSeconds = 10;

    private static readonly KeyValue.StateValue KvValue = new(17, "D", BitConverter.GetBytes(0.75));

    public static SimulationReport Run(SimulationOptions options)
    {
        var cluster = new SimulatedCluster(options);
        var n = options.Nodes;
        var seeds = Enumerable.Range(0, Math.Min(3, n)).Select(SimulatedCluster.AddressOf).ToImmutableList();
        long changeStart;
        switch (options.Scenario)
        {
            case SimulationScenario.Formation:
                changeStart = 0;
                cluster.TrackGoal(ScenarioGoals.CurrentIncarnationsUp(cluster, n));
                for (var slot = 0; slot < n; slot++)
                {
                    cluster.Start(slot);
                    cluster.Input(slot, new JoinSeedNodesCommand(seeds));
                }

                break;
            case SimulationScenario.Join:
                cluster.Bootstrap(n);
                changeStart = cluster.Now;
                cluster.TrackGoal(ScenarioGoals.CurrentIncarnationsUp(cluster, n + 1));
                cluster.Start(n);
                cluster.Input(n, new JoinSeedNodesCommand(seeds));
                break;
            case SimulationScenario.Leave:
                cluster.Bootstrap(n);
                changeStart = cluster.Now;
                var leaver = n - 1;
                cluster.TrackGoal(ExpectedWithout(cluster, leaver, n - 1));
                cluster.Input(leaver, new LeaveCommand(SimulatedCluster.AddressOf(leaver)));
                break;
            case SimulationScenario.Crash:
                cluster.Bootstrap(n);
                cluster.RunFor(DetectorWarmUpMillis + cluster.RandomPhase(1_000));
                changeStart = cluster.Now;
                var crashed = n - 1;
                cluster.TrackGoal(ExpectedWithout(cluster, crashed, n - 1));
                var victim = cluster.NodeAt(crashed)!.Self;
                cluster.Crash(crashed, options.CrashKind);
                cluster.TrackMilestone(node => ScenarioGoals.MarksUnreachableOrRemoved(node, victim));
                break;
            case SimulationScenario.Partition:
                cluster.Bootstrap(n);
                cluster.RunFor(DetectorWarmUpMillis);
                var minority = Enumerable.Range(n - Math.Max(1, n * 2 / 5), Math.Max(1, n * 2 / 5)).ToList();
                var majority = Enumerable.Range(0, n).Except(minority).ToList();
                cluster.Network.Partition(majority, minority);
                cluster.RunFor((long)options.PartitionDuration.TotalMilliseconds);
                cluster.Network.HealAll();
                changeStart = cluster.Now;
                cluster.TrackGoal(ScenarioGoals.CurrentIncarnationsUp(cluster, n));
                break;
            case var faultScenario when FaultScenarios.IsFaultScenario(faultScenario):
                cluster.Bootstrap(n);
                cluster.RunFor(DetectorWarmUpMillis);
                changeStart = cluster.Now;
                cluster.Metrics.ResetTraffic();
                var faultMillis = (long)(options.FaultDuration ?? FaultScenarios.DefaultDuration(faultScenario)).TotalMilliseconds;
                var faults = FaultScenarios.Run(cluster, faultScenario, faultMillis);
                return Finish(cluster, changeStart, faults.Recovered, faults);
            case SimulationScenario.Chaos:
                cluster.Bootstrap(n);
                cluster.RunFor(DetectorWarmUpMillis);
                changeStart = cluster.Now;
                cluster.Metrics.ResetTraffic();
                var chaos = ChaosScenario.Run(cluster, n);
                return Finish(cluster, changeStart, chaos.Passed, chaos: chaos);
            case SimulationScenario.Kv:
                cluster.Bootstrap(n);
                cluster.RunFor(DetectorWarmUpMillis);
                changeStart = cluster.Now;
                var writer = n - 1;
                var owner = cluster.NodeAt(writer)!.Self;
                cluster.TrackGoal(node => ScenarioGoals.HoldsEntry(node, owner, KvKey, 1));
                cluster.Input(writer, new SetStateCommand(KvKey, KvValue));
                break;
            case SimulationScenario.KvLoad:
                cluster.Bootstrap(n);
                cluster.RunFor(DetectorWarmUpMillis);
                changeStart = cluster.Now;
                ScheduleLoad(cluster, n, changeStart);
                break;
            case SimulationScenario.Steady:
                cluster.Bootstrap(n);
                changeStart = cluster.Now;
                cluster.TrackGoal(ScenarioGoals.CurrentIncarnationsUp(cluster, n));
                break;
            case SimulationScenario.RollingRestart:
                cluster.Bootstrap(n);
                changeStart = cluster.Now;
                return Finish(cluster, changeStart, RollingRestart(cluster, seeds));
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Scenario, "Unknown scenario.");
        }

        cluster.Metrics.ResetTraffic();
        var converged = cluster.RunUntil(cluster.HasConverged, changeStart + (long)options.MaxVirtualTime.TotalMilliseconds);
        return Finish(cluster, changeStart, converged);
    }

    /// <summary>
    /// Each node writes "load" once a second for <see cref="KvLoadSeconds"/> s at a random phase;
    /// the goal is every owner at its last version, checked through the store's summary (kept up to
    /// date write by write, so the check costs nothing per step at any N).
    /// </summary>
    private static void ScheduleLoad(SimulatedCluster cluster, int n, long start)
    {
        var selves = Enumerable.Range(0, n).Select(slot => cluster.NodeAt(slot)!.Self).ToList();
        var expected = selves.Aggregate(
            KeyValue.StateStore.Empty,
            (store, self) => store.With(self, Enumerable.Range(0, KvLoadSeconds).Aggregate(KeyValue.OwnerState.Empty, (s, _) => s.Write(KvKey, KvValue, 0)))).Summary;
        cluster.TrackGoal(node => node.State.KeyValue.Store.Summary == expected);
        for (var slot = 0; slot < n; slot++)
        {
            var writer = slot;
            var phase = cluster.RandomPhase(1_000);
            for (var second = 0; second < KvLoadSeconds; second++)
            {
                var value = new KeyValue.StateValue(17, "D", BitConverter.GetBytes(second / 10.0));
                cluster.At(start + phase + (second * 1_000L), () => cluster.Input(writer, new SetStateCommand(KvKey, value)));
            }
        }
    }

    /// <summary>Restarts every slot in turn, each as soon as the previous restart has converged.</summary>
    private static bool RollingRestart(SimulatedCluster cluster, ImmutableList<Akka.Actor.Address> seeds)
    {
        var n = cluster.Options.Nodes;
        var deadline = cluster.Now + (long)cluster.Options.MaxVirtualTime.TotalMilliseconds;
        cluster.TrackGoal(ScenarioGoals.CurrentIncarnationsUp(cluster, n));
        cluster.Metrics.ResetTraffic();
        for (var slot = 0; slot < n; slot++)
        {
            cluster.Crash(slot);
            cluster.Start(slot);
            cluster.TrackGoal(ScenarioGoals.CurrentIncarnationsUp(cluster, n));
            cluster.Input(slot, new JoinSeedNodesCommand(seeds));
            if (!cluster.RunUntil(cluster.HasConverged, deadline))
            {
                return false;
            }
        }

        return true;
    }

    private static Func<SimulatedNode, bool> ExpectedWithout(SimulatedCluster cluster, int goneSlot, int expectedCount)
    {
        var gone = cluster.NodeAt(goneSlot)!.Self;
        return ScenarioGoals.AllUpAndConverged(ScenarioGoals.AllUp(member => member != gone, () => 0), expectedCount);
    }

    private static SimulationReport Finish(SimulatedCluster cluster, long changeStart, bool converged, FaultReport? faults = null, ChaosReport? chaos = null)
    {
        var options = cluster.Options;
        var elapsed = cluster.Now - changeStart;
        var metrics = cluster.Metrics;
        var (messages, bytes, maxBytes) = (metrics.Messages, metrics.Bytes, metrics.MaxMessageBytes);
        var byType = metrics.MessagesByType.ToImmutableSortedDictionary(StringComparer.Ordinal);
        var bytesByType = metrics.BytesByType.ToImmutableSortedDictionary(StringComparer.Ordinal);
        var progress = cluster.Progress.ToList();
        double steadyBytes = 0, steadyMessages = 0;
        var steadyByType = ImmutableSortedDictionary<string, double>.Empty.WithComparers(StringComparer.Ordinal);
        if (converged && options.SteadyStateWindow > TimeSpan.Zero)
        {
            metrics.ResetTraffic();
            cluster.RunFor((long)options.SteadyStateWindow.TotalMilliseconds);
            var nodeSeconds = Math.Max(1, cluster.LiveNodes.Count()) * options.SteadyStateWindow.TotalSeconds;
            steadyBytes = metrics.Bytes / nodeSeconds;
            steadyMessages = metrics.Messages / nodeSeconds;
            steadyByType = metrics.MessagesByType.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value / nodeSeconds, StringComparer.Ordinal);
        }

        return new SimulationReport(
            options.Nodes,
            ScenarioName(options.Scenario),
            options.Seed,
            converged,
            elapsed,
            elapsed / cluster.CoreSettings.GossipInterval.TotalMilliseconds,
            messages,
            bytes,
            maxBytes,
            steadyBytes,
            steadyMessages,
            steadyByType,
            byType,
            metrics.Drops.ToImmutableSortedDictionary(StringComparer.Ordinal),
            metrics.Facts.ToImmutableSortedDictionary(StringComparer.Ordinal),
            cluster.MilestoneReachedAfterMillis,
            faults,
            chaos,
            progress,
            cluster.StepsProcessed,
            SpreadsOneChange(options.Scenario) ? cluster.ProgressQuantileMillis(0.5) : null,
            SpreadsOneChange(options.Scenario) ? cluster.ProgressQuantileMillis(0.99) : null,
            bytesByType,
            metrics.MaxDigestBytes);
    }

    /// <summary>Scenarios whose dissemination curve is one change reaching every node, so its quantiles say when half and 99% had it.</summary>
    private static bool SpreadsOneChange(SimulationScenario scenario) =>
        scenario is SimulationScenario.Join or SimulationScenario.Leave or SimulationScenario.Kv;

    public static string ScenarioName(SimulationScenario scenario) => scenario switch
    {
        SimulationScenario.RollingRestart => "rolling-restart",
        SimulationScenario.KvLoad => "kv-load",
        SimulationScenario.LossyLink => "lossy-link",
        SimulationScenario.OneWayLink => "one-way-link",
        _ => scenario.ToString().ToLowerInvariant(),
    };
}
