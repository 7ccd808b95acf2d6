namespace AkkaConvergence.Simulation;

/// <summary>How a simulated node stops.</summary>
public enum CrashKind
{
    /// <summary>
    /// Its process ends on a host that keeps running (killed, crashed, exited): the kernel closes
    /// its connections and its port refuses new ones, so peers' transports notice at once.
    /// </summary>
    Process,

    /// <summary>The whole host goes silent (power, network cut): nothing is refused; peers only hear nothing.</summary>
    Host,
}
