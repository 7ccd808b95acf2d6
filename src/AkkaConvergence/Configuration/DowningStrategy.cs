namespace AkkaConvergence;

/// <summary>Which downing strategy resolves partitions (<c>akka.convergence.downing.strategy</c>).</summary>
public enum DowningStrategy
{
    /// <summary>The side with more members survives; on a tie the side with the lowest address (<c>keep-majority</c>, the default).</summary>
    KeepMajority,

    /// <summary>The side with at least <c>quorum-size</c> members survives (<c>static-quorum</c>).</summary>
    StaticQuorum,

    /// <summary>The side with the oldest member survives (<c>keep-oldest</c>).</summary>
    KeepOldest,

    /// <summary>Every node is downed on any partition (<c>down-all</c>).</summary>
    DownAll,

    /// <summary>Nothing is downed automatically (<c>off</c>): downing is left to the operator.</summary>
    Off,
}
