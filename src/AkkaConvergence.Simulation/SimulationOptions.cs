using Akka.Configuration;

namespace AkkaConvergence.Simulation;

/// <summary>One simulation run: cluster size, scenario, network conditions and protocol timing.</summary>
public sealed record SimulationOptions
{
    /// <summary>Cluster size N (the joiner of <see cref="SimulationScenario.Join"/> comes on top). Default 5.</summary>
    public int Nodes { get; init; } = 5;

    /// <summary>The scenario. Default <see cref="SimulationScenario.Formation"/>.</summary>
    public SimulationScenario Scenario { get; init; } = SimulationScenario.Formation;

    /// <summary>The seed of every random choice; the same seed replays the same run exactly. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>One-way message latency. Default 1 ms.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Extra latency drawn uniformly from [0, jitter) per message. Default 0.</summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.Zero;

    /// <summary>Probability that a message is lost, 0..1. Default 0.</summary>
    public double Loss { get; init; }

    /// <summary>
    /// The protocol's settings as HOCON, on top of the library's <c>reference.conf</c> exactly as a
    /// real node reads them, e.g. <c>akka.convergence.downing.stable-after = 7s</c>. Default: none
    /// (the reference settings).
    /// </summary>
    public string Configuration { get; init; } = string.Empty;

    /// <summary>How long a crashed or cut-off peer takes to look unavailable to its monitors. Default 5 s (phi-accrual defaults).</summary>
    public TimeSpan DetectionDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How the node of <see cref="SimulationScenario.Crash"/> stops: its process on a live host (the default), or its whole host.</summary>
    public CrashKind CrashKind { get; init; } = CrashKind.Process;

    /// <summary>How long the fault of a fault scenario (pauses, starvation, loss, lossy-link, one-way-link) lasts; null = 8 s for starvation, 10 min for the others.</summary>
    public TimeSpan? FaultDuration { get; init; }

    /// <summary>How long the partition of <see cref="SimulationScenario.Partition"/> lasts. Default 10 s.</summary>
    public TimeSpan PartitionDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Virtual time after convergence over which steady-state traffic is measured. Default 10 s.</summary>
    public TimeSpan SteadyStateWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The run fails if the scenario has not converged after this much virtual time. Default 10 min.</summary>
    public TimeSpan MaxVirtualTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Serialize every message with the real wire format to count bytes. Default true.</summary>
    public bool MeasureBytes { get; init; } = true;

    /// <summary>Check the protocol invariants after every step; null = only up to 1,000 nodes. Default null.</summary>
    public bool? CheckInvariants { get; init; }

    /// <summary>The validated settings: <see cref="Configuration"/> over <c>reference.conf</c>.</summary>
    /// <exception cref="ArgumentException">The configuration does not parse or has an invalid value (the message names the key).</exception>
    public ConvergenceSettings ReadSettings()
    {
        try
        {
            return ConvergenceSettings.Create(ConfigurationFactory.ParseString(Configuration));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ArgumentException($"Simulation option {nameof(Configuration)} is invalid: {e.Message}", nameof(Configuration), e);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        var settings = ReadSettings();
        Require(Nodes >= 1, nameof(Nodes), "must be at least 1");
        Require(Scenario != SimulationScenario.Partition || Nodes >= 3, nameof(Nodes), "must be at least 3 for a partition");
        Require(Scenario is not (SimulationScenario.Leave or SimulationScenario.Crash) || Nodes >= 2, nameof(Nodes), "must be at least 2 to leave or crash one");
        Require(Loss is >= 0 and < 1, nameof(Loss), "must be in [0, 1)");
        Require(Latency >= TimeSpan.Zero && Jitter >= TimeSpan.Zero, nameof(Latency), "latency and jitter must not be negative");
        Require(MaxVirtualTime > TimeSpan.Zero, nameof(MaxVirtualTime), "must be positive");
        Require(
            Scenario != SimulationScenario.Partition || PartitionDuration < settings.Downing.StableAfter,
            nameof(PartitionDuration),
            "must be shorter than downing.stable-after: a longer partition is resolved by downing, not healed");
    }

    private static void Require(bool condition, string option, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"Simulation option {option} {problem}.", option);
        }
    }
}
