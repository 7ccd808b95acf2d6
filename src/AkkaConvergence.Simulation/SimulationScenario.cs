namespace AkkaConvergence.Simulation;

/// <summary>What a simulation run does to the cluster.</summary>
public enum SimulationScenario
{
    /// <summary>N nodes start at once and join through the first seed; done when all are Up everywhere.</summary>
    Formation,

    /// <summary>One node joins a converged cluster of N; done when every node sees it Up.</summary>
    Join,

    /// <summary>One member of N leaves gracefully; done when every remaining node has removed it.</summary>
    Leave,

    /// <summary>One member of N crashes; done when the downing strategy has it downed and removed everywhere.</summary>
    Crash,

    /// <summary>A minority is cut off for less than stable-after, then healed; done when all N are reachable and converged again.</summary>
    Partition,

    /// <summary>Every node in turn is restarted as a new incarnation on its old address; done when all new incarnations are Up.</summary>
    RollingRestart,

    /// <summary>For the fault time, every node has stop-the-world pauses of 1–3 s (about one a minute); nobody fails, so every unreachable mark is false.</summary>
    Pauses,

    /// <summary>For the fault time, one node is starved: it runs 100 ms in every 1.5 s (a SIGSTOP/SIGCONT duty cycle); nobody fails.</summary>
    Starvation,

    /// <summary>For the fault time, 10% of all messages are lost; nobody fails.</summary>
    Loss,

    /// <summary>For the fault time, half the messages between two nodes are lost, both ways; nobody fails.</summary>
    LossyLink,

    /// <summary>For the fault time, one node cannot send to one other (a one-way partition of one link); nobody fails.</summary>
    OneWayLink,

    /// <summary>
    /// A nemesis for 30 s (crashes, restarts, pauses, partitions, one-way cuts, loss bursts,
    /// clock jumps), then quiet; done when every live node holds one view again with the dead removed.
    /// </summary>
    Chaos,

    /// <summary>
    /// One member of a converged cluster of N writes one key/value entry; done when every live node
    /// holds it (the report's p50 and p99 say when half and 99% of them did).
    /// </summary>
    Kv,

    /// <summary>
    /// Every member of a converged cluster of N writes its own "load" key once a second for 10 s
    /// (each at its own phase); done when every live node holds every member's last write. The
    /// bytes are the key/value traffic of a busy cluster (divide by N and the 10 s).
    /// </summary>
    KvLoad,

    /// <summary>
    /// A converged cluster of N in which nothing changes: only the steady-state window, what the
    /// membership costs at rest (probes and the periodic round). The cheapest run at a given N,
    /// so the one that reaches 100,000 nodes.
    /// </summary>
    Steady,
}
