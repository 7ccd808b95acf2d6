namespace AkkaConvergence.FailureDetection;

/// <summary>What one node's Lifeguard detector knows about one member it watches.</summary>
/// <param name="LastHeardMillis">When this node last heard anything from the member (monotonic).</param>
/// <param name="Suspicion">This node's suspicion of it, if any.</param>
/// <param name="IsMonitored">On this node's ring (probed in turn); false for a member checked only because someone else suspects it.</param>
internal sealed record ProbeTarget(long LastHeardMillis, Suspicion? Suspicion, bool IsMonitored);
