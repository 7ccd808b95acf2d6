namespace AkkaConvergence.Hosting;

/// <summary>
/// A downing strategy for <see cref="ConvergenceClusterOptions.Downing"/>, as Akka.Cluster.Hosting's
/// <c>SplitBrainResolverOption</c> family: pick one of the derived options. Null properties keep HOCON's value.
/// </summary>
public abstract class DowningOption
{
    private protected DowningOption()
    {
    }

    /// <summary>Count only members with this role; "" counts all (<c>downing.role</c>).</summary>
    public string? Role { get; set; }

    /// <summary>Membership and reachability must be unchanged this long before the leader decides (<c>downing.stable-after</c>, 20 s by default).</summary>
    public TimeSpan? StableAfter { get; set; }

    /// <summary>Down everyone when reachability keeps changing this long past <see cref="StableAfter"/> (<c>downing.down-all-when-unstable</c>; null keeps HOCON's, on by default).</summary>
    public TimeSpan? DownAllWhenUnstable { get; set; }

    /// <summary>The value of <c>downing.strategy</c>.</summary>
    internal abstract string Strategy { get; }

    /// <summary>The strategy's own keys under <c>downing</c>, as HOCON lines.</summary>
    internal virtual IEnumerable<string> StrategyHocon() => [];
}
