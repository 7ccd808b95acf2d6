namespace AkkaConvergence;

/// <summary>The <c>akka.convergence.failure-detector</c> settings.</summary>
/// <param name="Kind">Lifeguard probes or phi-accrual heartbeats (<c>kind</c>, default lifeguard).</param>
/// <param name="HeartbeatInterval">How often heartbeats are sent (phi-accrual), or a member is probed (lifeguard) (<c>heartbeat-interval</c>, default 1 s).</param>
/// <param name="Threshold">Phi above which a member is unavailable (<c>threshold</c>, default 8.0).</param>
/// <param name="AcceptableHeartbeatPause">Silence up to this long is tolerated before a member is marked unreachable (<c>acceptable-heartbeat-pause</c>, default 3 s); lifeguard waives it only on proof from the transport that the peer's process is gone.</param>
/// <param name="MinStdDeviation">Lower bound of the standard deviation used by phi (<c>min-std-deviation</c>, default 100 ms).</param>
/// <param name="MaxSampleSize">Heartbeat intervals kept (<c>max-sample-size</c>, default 1000).</param>
/// <param name="ExpectedResponseAfter">Monitoring starts anyway if no first response came within this (<c>expected-response-after</c>, default 1 s).</param>
/// <param name="MonitoredByNrOfMembers">Each node is monitored by at most this many others (<c>monitored-by-nr-of-members</c>, default 5).</param>
/// <param name="Lifeguard">The <c>lifeguard</c> group.</param>
public sealed record FailureDetectorSettings(
    FailureDetectorKind Kind,
    TimeSpan HeartbeatInterval,
    double Threshold,
    TimeSpan AcceptableHeartbeatPause,
    TimeSpan MinStdDeviation,
    int MaxSampleSize,
    TimeSpan ExpectedResponseAfter,
    int MonitoredByNrOfMembers,
    LifeguardSettings Lifeguard);
