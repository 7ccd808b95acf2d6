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
}
