namespace AkkaConvergence;

/// <summary>The <c>akka.convergence.failure-detector</c> settings (phi-accrual heartbeating on a ring).</summary>
/// <param name="HeartbeatInterval">How often heartbeats are sent (<c>heartbeat-interval</c>, default 1 s).</param>
/// <param name="Threshold">Phi above which a member is unavailable (<c>threshold</c>, default 8.0).</param>
/// <param name="AcceptableHeartbeatPause">Pauses up to this long are tolerated (<c>acceptable-heartbeat-pause</c>, default 3 s).</param>
/// <param name="MinStdDeviation">Lower bound of the standard deviation used by phi (<c>min-std-deviation</c>, default 100 ms).</param>
/// <param name="MaxSampleSize">Heartbeat intervals kept (<c>max-sample-size</c>, default 1000).</param>
/// <param name="ExpectedResponseAfter">Monitoring starts anyway if no first response came within this (<c>expected-response-after</c>, default 1 s).</param>
/// <param name="MonitoredByNrOfMembers">Each node is monitored by at most this many others (<c>monitored-by-nr-of-members</c>, default 5).</param>
public sealed record FailureDetectorSettings(
    TimeSpan HeartbeatInterval,
    double Threshold,
    TimeSpan AcceptableHeartbeatPause,
    TimeSpan MinStdDeviation,
    int MaxSampleSize,
    TimeSpan ExpectedResponseAfter,
    int MonitoredByNrOfMembers);
