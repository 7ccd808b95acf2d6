namespace AkkaConvergence.Simulation;

/// <summary>Runs one scenario on a simulated cluster of protocol cores and reports what it measured.</summary>
public static class ClusterSimulation
{
    /// <summary>
    /// Runs <paramref name="options"/>' scenario to convergence (or to its virtual-time limit).
    /// The same options, seed included, always give the same report.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="SimulationInvariantException">A protocol invariant broke; the message says how to replay it.</exception>
    public static SimulationReport Run(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ScenarioRunner.Run(options);
    }

    /// <summary>
    /// Runs the scenario once per seed, <paramref name="options"/>' seed and the next
    /// <paramref name="seeds"/> − 1, on all cores, and summarizes. Each run is the same as a single
    /// <see cref="Run"/> with its seed.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid, or <paramref name="seeds"/> is below 1.</exception>
    /// <exception cref="SimulationInvariantException">A protocol invariant broke in some run; the message names its seed.</exception>
    public static SweepReport Sweep(SimulationOptions options, int seeds)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        options.Validate();
        var reports = new SimulationReport[seeds];
        Parallel.For(0, seeds, i => reports[i] = ScenarioRunner.Run(options with { Seed = options.Seed + i }));
        return SweepReport.Of(options, reports);
    }
}
