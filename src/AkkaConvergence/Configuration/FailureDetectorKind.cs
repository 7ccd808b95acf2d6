namespace AkkaConvergence;

/// <summary>Which failure detector a node runs (<c>akka.convergence.failure-detector.kind</c>).</summary>
public enum FailureDetectorKind
{
    /// <summary>
    /// SWIM probes with the Lifeguard extensions: one direct probe per period, indirect probes
    /// through other members, suspicion with refutation and confirmations, and local health
    /// awareness (<c>lifeguard</c>, the default).
    /// </summary>
    Lifeguard,

    /// <summary>Akka's heartbeats to the monitoring ring with phi-accrual detection (<c>phi-accrual</c>).</summary>
    PhiAccrual,
}
