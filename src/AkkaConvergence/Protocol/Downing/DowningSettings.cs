namespace AkkaConvergence.Protocol.Downing;

/// <summary>The downing part of the settings, as the pure strategies need it.</summary>
/// <param name="Strategy">The strategy; <see cref="DowningStrategyKind.Off"/> downs nothing.</param>
/// <param name="StableAfter">How long membership and reachability must be unchanged before deciding.</param>
/// <param name="DownAllWhenUnstable">Down everyone when reachability keeps changing this long past <paramref name="StableAfter"/>; null = never.</param>
/// <param name="Role">Only members with this role are counted; empty counts every member.</param>
/// <param name="QuorumSize">The static quorum (static-quorum only).</param>
/// <param name="DownIfAlone">keep-oldest: down the oldest when it is alone against two or more.</param>
internal sealed record DowningSettings(
    DowningStrategyKind Strategy,
    TimeSpan StableAfter,
    TimeSpan? DownAllWhenUnstable,
    string Role,
    int QuorumSize,
    bool DownIfAlone)
{
    public static DowningSettings Default { get; } = new(
        DowningStrategyKind.KeepMajority, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(15), string.Empty, 0, true);
}
