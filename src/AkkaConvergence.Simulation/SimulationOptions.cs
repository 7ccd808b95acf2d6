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

    /// <summary>Gossip interval. Default 1 s (Akka's default).</summary>
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Leader-actions interval. Default 1 s.</summary>
    public TimeSpan LeaderActionsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Interval at which failure-detector verdicts are reaped. Default 1 s.</summary>
    public TimeSpan ReaperInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a crashed or cut-off peer takes to look unavailable to its monitors. Default 5 s (phi-accrual defaults).</summary>
    public TimeSpan DetectionDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many nodes monitor each node. Default 5.</summary>
    public int MonitoredByNrOfMembers { get; init; } = 5;

    /// <summary>Downing stable-after. Default 20 s.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(20);

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

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Require(Nodes >= 1, nameof(Nodes), "must be at least 1");
        Require(Scenario != SimulationScenario.Partition || Nodes >= 3, nameof(Nodes), "must be at least 3 for a partition");
        Require(Scenario is not (SimulationScenario.Leave or SimulationScenario.Crash) || Nodes >= 2, nameof(Nodes), "must be at least 2 to leave or crash one");
        Require(Loss is >= 0 and < 1, nameof(Loss), "must be in [0, 1)");
        Require(Latency >= TimeSpan.Zero && Jitter >= TimeSpan.Zero, nameof(Latency), "latency and jitter must not be negative");
        Require(GossipInterval > TimeSpan.Zero && LeaderActionsInterval > TimeSpan.Zero && ReaperInterval > TimeSpan.Zero, nameof(GossipInterval), "intervals must be positive");
        Require(MonitoredByNrOfMembers >= 1, nameof(MonitoredByNrOfMembers), "must be at least 1");
        Require(MaxVirtualTime > TimeSpan.Zero, nameof(MaxVirtualTime), "must be positive");
        Require(
            Scenario != SimulationScenario.Partition || PartitionDuration < StableAfter,
            nameof(PartitionDuration),
            "must be shorter than StableAfter: a longer partition is resolved by downing, not healed");
    }

    private static void Require(bool condition, string option, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"Simulation option {option} {problem}.", option);
        }
    }
}
