namespace AkkaConvergence.Membership;

/// <summary>What one observer says about one subject.</summary>
internal enum ReachabilityStatus
{
    /// <summary>The observer hears from the subject.</summary>
    Reachable,

    /// <summary>The observer's failure detector suspects the subject.</summary>
    Unreachable,

    /// <summary>The subject is known to be gone for good (e.g. replaced by a new incarnation); final.</summary>
    Terminated,
}
