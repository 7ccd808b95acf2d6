namespace AkkaConvergence.KeyValue;

/// <summary>The quotas of one owner's state (see <see cref="StateLimits"/>).</summary>
internal enum StateQuota
{
    /// <summary>gossip-state.max-value-size</summary>
    ValueSize,

    /// <summary>gossip-state.max-keys</summary>
    KeyCount,

    /// <summary>gossip-state.max-total-size</summary>
    TotalSize,
}

/// <summary>A write that would take <paramref name="Quota"/> to <paramref name="Would"/>, past <paramref name="Limit"/>.</summary>
internal sealed record StateQuotaViolation(StateQuota Quota, int Would, int Limit)
{
    /// <summary>The configuration key of the quota, for the error a user reads.</summary>
    public string Key => Quota switch
    {
        StateQuota.ValueSize => "akka.convergence.gossip-state.max-value-size",
        StateQuota.KeyCount => "akka.convergence.gossip-state.max-keys",
        _ => "akka.convergence.gossip-state.max-total-size",
    };
}
