namespace AkkaConvergence;

/// <summary>The <c>akka.convergence.downing</c> settings.</summary>
/// <param name="Strategy">The strategy (<c>strategy</c>, default keep-majority); <see cref="DowningStrategy.Off"/> downs nothing.</param>
/// <param name="StableAfter">How long membership and reachability must be unchanged before the leader decides (<c>stable-after</c>, default 20 s).</param>
/// <param name="DownAllWhenUnstable">Down everyone when reachability keeps changing this long past <paramref name="StableAfter"/>; null = never (<c>down-all-when-unstable</c>, default on = 3/4 of stable-after, at least 4 s).</param>
/// <param name="Role">Only members with this role are counted; empty counts every member (<c>role</c>).</param>
/// <param name="QuorumSize">The static quorum (<c>static-quorum.quorum-size</c>); required for static-quorum, otherwise null.</param>
/// <param name="DownIfAlone">keep-oldest: down the oldest when it is alone against two or more (<c>keep-oldest.down-if-alone</c>, default on).</param>
public sealed record DowningSettings(
    DowningStrategy Strategy,
    TimeSpan StableAfter,
    TimeSpan? DownAllWhenUnstable,
    string Role,
    int? QuorumSize,
    bool DownIfAlone)
{
    /// <summary>The defaults of the reference configuration.</summary>
    public static DowningSettings Default => ConvergenceSettings.Default.Downing;
}
