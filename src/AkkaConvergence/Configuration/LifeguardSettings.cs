namespace AkkaConvergence;

/// <summary>The <c>akka.convergence.failure-detector.lifeguard</c> settings.</summary>
/// <param name="ProbeTimeout">How long a direct probe, and a helper's probe for someone else, waits for its ack (<c>probe-timeout</c>, default 500 ms).</param>
/// <param name="IndirectChecks">How many members are asked to probe a member that did not answer directly (<c>indirect-checks</c>, default 3).</param>
/// <param name="SuspicionMinTimeout">The suspicion timeout once enough independent observers confirm it (<c>suspicion-min-timeout</c>, default 1 s).</param>
/// <param name="SuspicionMaxTimeout">The suspicion timeout of an observer no one confirms (<c>suspicion-max-timeout</c>, default 6 s).</param>
/// <param name="SuspicionConfirmations">How many independent confirmations bring the timeout down to the minimum (<c>suspicion-confirmations</c>, default 2).</param>
/// <param name="AwarenessMaxMultiplier">The most a node in poor health stretches its probe interval and indirect wait (<c>awareness-max-multiplier</c>, default 8).</param>
public sealed record LifeguardSettings(
    TimeSpan ProbeTimeout,
    int IndirectChecks,
    TimeSpan SuspicionMinTimeout,
    TimeSpan SuspicionMaxTimeout,
    int SuspicionConfirmations,
    int AwarenessMaxMultiplier);
