namespace AkkaConvergence.Protocol.Downing;

/// <summary>Which downing strategy resolves partitions (<c>akka.convergence.downing.strategy</c>).</summary>
internal enum DowningStrategyKind
{
    KeepMajority,
    StaticQuorum,
    KeepOldest,
    DownAll,
    Off,
}
