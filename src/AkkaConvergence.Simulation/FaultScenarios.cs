using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>
/// The fault models of the failure-detection study, on a converged cluster: stop-the-world pauses,
/// a starved node, message loss, a lossy link, a one-way link. Nobody fails, so what the detectors
/// report is a false alarm; the study counts them, who made them, and who was downed.
/// </summary>
internal static class FaultScenarios
{
    /// <summary>After the fault, marks are still counted (and recovery awaited) this long.</summary>
    private const long QuietMillis = 60_000;

    /// <summary>A mark made by, or about, a node paused within this long before is put down to that node's pause.</summary>
    private const long ImpairmentEchoMillis = 5_000;

    public static bool IsFaultScenario(SimulationScenario scenario) =>
        scenario is SimulationScenario.Pauses or SimulationScenario.Starvation or SimulationScenario.Loss
            or SimulationScenario.LossyLink or SimulationScenario.OneWayLink;

    public static TimeSpan DefaultDuration(SimulationScenario scenario) =>
        scenario == SimulationScenario.Starvation ? TimeSpan.FromSeconds(8) : TimeSpan.FromMinutes(10);

    /// <summary>Runs the fault on <paramref name="cluster"/> (bootstrapped and warmed up) and counts what it caused.</summary>
    public static FaultReport Run(SimulatedCluster cluster, SimulationScenario scenario, long faultMillis)
    {
        var n = cluster.LiveNodes.Count();
        var impairedUntil = new long[n];
        var faults = new Random(cluster.Options.Seed * 7919);
        long falseMarks = 0, byImpaired = 0, ofImpaired = 0;
        var downed = new HashSet<UniqueAddress>();
        var start = cluster.Now;
        var observer = cluster.Stepped;
        cluster.Stepped = (node, before, result, input) =>
        {
            observer?.Invoke(node, before, result, input);
            foreach (var effect in result.Effects)
            {
                switch (effect)
                {
                    case MarkedUnreachable mark:
                        falseMarks++;
                        byImpaired += cluster.Now - impairedUntil[node.Slot] <= ImpairmentEchoMillis ? 1 : 0;
                        ofImpaired += cluster.Now - impairedUntil[ScenarioGoals.SlotOf(mark.Member.UniqueAddress)] <= ImpairmentEchoMillis ? 1 : 0;
                        break;
                    case DowningDecided decided:
                        downed.UnionWith(decided.Downed);
                        break;
                }
            }
        };

        Array.Fill(impairedUntil, long.MinValue / 2);
        void PauseAt(long at, int slot, long millis) => cluster.At(at, () =>
        {
            cluster.Pause(slot, millis);
            impairedUntil[slot] = Math.Max(impairedUntil[slot], at + millis);
        });

        var end = start + faultMillis;
        switch (scenario)
        {
            case SimulationScenario.Pauses:
                for (var slot = 0; slot < n; slot++)
                {
                    // Pauses of one node never overlap (two in a row would be one longer pause).
                    for (var at = start + NextGap(faults); at < end;)
                    {
                        var length = 1_000 + faults.NextInt64(2_001);
                        PauseAt(at, slot, length);
                        at += length + NextGap(faults);
                    }
                }

                break;
            case SimulationScenario.Starvation:
                var starved = n - 1;
                for (var at = start; at < end; at += 1_500)
                {
                    PauseAt(at, starved, Math.Min(1_400, end - at));
                }

                break;
            case SimulationScenario.Loss:
                cluster.ExtraLoss = 0.1;
                break;
            case SimulationScenario.LossyLink:
                cluster.Network.SetLinkLoss(1, Math.Min(2, n - 1), 0.5);
                break;
            case SimulationScenario.OneWayLink:
                cluster.Network.Block([1], [Math.Min(2, n - 1)]);
                break;
        }

        cluster.At(end, () =>
        {
            cluster.ExtraLoss = 0;
            cluster.Network.HealAll();
        });
        cluster.RunUntil(() => false, end + QuietMillis);
        cluster.Stepped = observer;
        cluster.TrackGoal(ScenarioGoals.CurrentIncarnationsUp(cluster, n));
        var recovered = cluster.RunUntil(cluster.HasConverged, cluster.Now + QuietMillis) && cluster.LiveNodes.Count() == n;
        var observed = (end + QuietMillis - start) / 1_000.0;
        return new FaultReport(
            faultMillis / 1_000.0,
            observed,
            falseMarks,
            byImpaired,
            ofImpaired,
            falseMarks / (n * observed / 3_600),
            downed.Count,
            recovered);
    }

    /// <summary>About one pause a minute per node, at random times.</summary>
    private static long NextGap(Random random) => 1 + (long)(-Math.Log(1 - random.NextDouble()) * 60_000);
}
