namespace AkkaConvergence.Simulation;

/// <summary>One point of the dissemination curve: at this virtual time, this fraction of live nodes had reached the scenario's goal.</summary>
/// <param name="VirtualMillis">Virtual milliseconds since the scenario's change began.</param>
/// <param name="Fraction">Fraction of live nodes whose view satisfied the goal, 0..1.</param>
public sealed record ProgressSample(long VirtualMillis, double Fraction);

/// <summary>What a simulation run measured.</summary>
/// <param name="Nodes">Cluster size N.</param>
/// <param name="Scenario">The scenario, in lower-case with dashes (e.g. <c>rolling-restart</c>).</param>
/// <param name="Seed">The seed that replays this run.</param>
/// <param name="Converged">Whether every live node reached the scenario's goal and the same converged version.</param>
/// <param name="VirtualMillisToConvergence">Virtual milliseconds from the change to convergence (or to giving up).</param>
/// <param name="GossipRounds">That time in gossip intervals.</param>
/// <param name="Messages">Messages sent from the change to convergence.</param>
/// <param name="Bytes">Serialized bytes of those messages (0 when not measured).</param>
/// <param name="MaxMessageBytes">The largest single message, in bytes.</param>
/// <param name="BytesPerNodePerSecondSteady">Bytes each node sent per second once converged, over the steady-state window.</param>
/// <param name="MessagesPerNodePerSecondSteady">Messages each node sent per second once converged.</param>
/// <param name="SteadyMessagesPerNodePerSecondByType">The steady-state messages per node per second, by type (digests, heartbeats, …).</param>
/// <param name="MessagesByType">Messages sent by type, from the change to convergence.</param>
/// <param name="Drops">Inputs the cores dropped, by reason, over the whole run.</param>
/// <param name="Facts">Facts the cores reported (MarkedUnreachable, DowningDecided, TimerDelayed, …), by kind, over the whole run.</param>
/// <param name="Faults">Fault scenarios: the false alarms counted; null otherwise.</param>
/// <param name="Chaos">Chaos scenario: what the nemesis did and whether the cluster came through; null otherwise.</param>
/// <param name="DetectionMillis">Crash scenario: virtual milliseconds from the crash until every live node marks the crashed node unreachable (failure detection plus dissemination); null otherwise.</param>
/// <param name="Progress">The dissemination curve.</param>
/// <param name="StepsProcessed">Core steps simulated over the whole run.</param>
/// <param name="P50Millis">Join, leave and key/value scenarios: virtual milliseconds until half the live nodes reached the goal (saw the joiner Up, the leaver removed, held the write); null otherwise.</param>
/// <param name="P99Millis">Join, leave and key/value scenarios: virtual milliseconds until 99% of the live nodes reached the goal; null otherwise.</param>
/// <param name="BytesByType">The bytes of <paramref name="MessagesByType"/>, by type (which kind of message the bytes go to).</param>
/// <param name="MaxDigestBytes">The largest version digest (a gossip status of any kind, or a version fingerprint) over the whole run, steady state included.</param>
public sealed record SimulationReport(
    int Nodes,
    string Scenario,
    int Seed,
    bool Converged,
    long VirtualMillisToConvergence,
    double GossipRounds,
    long Messages,
    long Bytes,
    int MaxMessageBytes,
    double BytesPerNodePerSecondSteady,
    double MessagesPerNodePerSecondSteady,
    IReadOnlyDictionary<string, double> SteadyMessagesPerNodePerSecondByType,
    IReadOnlyDictionary<string, long> MessagesByType,
    IReadOnlyDictionary<string, long> Drops,
    IReadOnlyDictionary<string, long> Facts,
    long? DetectionMillis,
    FaultReport? Faults,
    ChaosReport? Chaos,
    IReadOnlyList<ProgressSample> Progress,
    long StepsProcessed,
    long? P50Millis = null,
    long? P99Millis = null,
    IReadOnlyDictionary<string, long>? BytesByType = null,
    int MaxDigestBytes = 0);
