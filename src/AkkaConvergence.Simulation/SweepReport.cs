namespace AkkaConvergence.Simulation;

/// <summary>What a scenario did over many seeds.</summary>
/// <param name="Nodes">Cluster size N.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="FirstSeed">The first seed; the runs used FirstSeed, FirstSeed + 1, ….</param>
/// <param name="Runs">How many seeds ran.</param>
/// <param name="Converged">How many of them converged.</param>
/// <param name="FailedSeeds">The seeds that did not converge (each replays with <c>--seed</c>).</param>
/// <param name="P50Millis">Median virtual time to convergence over the converged runs.</param>
/// <param name="P90Millis">90th percentile.</param>
/// <param name="P99Millis">99th percentile.</param>
/// <param name="DetectionP50Millis">Crash scenario: median time until every live node marks the crashed node unreachable; null otherwise.</param>
/// <param name="DetectionP99Millis">Its 99th percentile.</param>
/// <param name="Facts">The cores' facts summed over all runs (e.g. MarkedUnreachable, DowningDecided).</param>
/// <param name="FalseMarks">Fault scenarios: false unreachable marks over all runs; null otherwise.</param>
/// <param name="FalseMarksPerNodeHour">Fault scenarios: the mean over the runs.</param>
/// <param name="HealthyMembersDowned">Fault scenarios: healthy members downed over all runs.</param>
/// <param name="ChaosPassed">Chaos scenario: runs that came through (converged, dead removed, one cluster); null otherwise.</param>
/// <param name="ChaosSettledP99Millis">Chaos scenario: 99th percentile of the time from the end of the faults until one view.</param>
public sealed record SweepReport(
    int Nodes,
    string Scenario,
    int FirstSeed,
    int Runs,
    int Converged,
    IReadOnlyList<int> FailedSeeds,
    long P50Millis,
    long P90Millis,
    long P99Millis,
    long? DetectionP50Millis,
    long? DetectionP99Millis,
    IReadOnlyDictionary<string, long> Facts,
    long? FalseMarks,
    double? FalseMarksPerNodeHour,
    int? HealthyMembersDowned,
    int? ChaosPassed,
    long? ChaosSettledP99Millis)
{
    /// <summary>Summarizes reports of one scenario over consecutive seeds.</summary>
    public static SweepReport Of(SimulationOptions options, IReadOnlyList<SimulationReport> reports)
    {
        var times = reports.Where(r => r.Converged).Select(r => r.VirtualMillisToConvergence).Order().ToList();
        var faults = reports.Select(r => r.Faults).OfType<FaultReport>().ToList();
        var chaos = reports.Select(r => r.Chaos).OfType<ChaosReport>().ToList();
        var detections = reports.Where(r => r.DetectionMillis is not null).Select(r => r.DetectionMillis!.Value).Order().ToList();
        return new SweepReport(
            options.Nodes,
            ScenarioRunner.ScenarioName(options.Scenario),
            options.Seed,
            reports.Count,
            times.Count,
            [.. reports.Where(r => !r.Converged).Select(r => r.Seed).Order()],
            Percentile(times, 0.5),
            Percentile(times, 0.9),
            Percentile(times, 0.99),
            detections.Count == 0 ? null : Percentile(detections, 0.5),
            detections.Count == 0 ? null : Percentile(detections, 0.99),
            reports.SelectMany(r => r.Facts).GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal),
            faults.Count == 0 ? null : faults.Sum(f => f.FalseMarks),
            faults.Count == 0 ? null : faults.Average(f => f.FalseMarksPerNodeHour),
            faults.Count == 0 ? null : faults.Sum(f => f.HealthyMembersDowned),
            chaos.Count == 0 ? null : chaos.Count(c => c.Passed),
            chaos.Count == 0 ? null : Percentile([.. chaos.Select(c => c.SettledAfterMillis).Order()], 0.99));
    }

    /// <summary>The nearest-rank percentile of sorted values (0 when there are none).</summary>
    public static long Percentile(IReadOnlyList<long> sorted, double fraction) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
