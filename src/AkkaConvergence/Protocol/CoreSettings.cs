using System.Collections.Immutable;
using AkkaConvergence.KeyValue;

namespace AkkaConvergence.Protocol;

/// <summary>
/// What the core needs from the configuration, built once from the validated
/// <see cref="ConvergenceSettings"/> (and so from <c>reference.conf</c>, in the runtime and the
/// simulator alike). Tunables that are not keys are named constants in the module that uses them.
/// </summary>
internal sealed record CoreSettings
{
    public required TimeSpan GossipInterval { get; init; }

    public required TimeSpan LeaderActionsInterval { get; init; }

    public required TimeSpan UnreachableNodesReaperInterval { get; init; }

    public required TimeSpan PeriodicTasksInitialDelay { get; init; }

    public required TimeSpan SeedNodeTimeout { get; init; }

    /// <summary>Restart a join that got no Welcome after this long; null = never.</summary>
    public required TimeSpan? RetryUnsuccessfulJoinAfter { get; init; }

    /// <summary>Move joiners to WeaklyUp after the leader has been unable to converge this long; null = never.</summary>
    public required TimeSpan? AllowWeaklyUpMembers { get; init; }

    public required double PreferUnseenProbability { get; init; }

    /// <summary>Cluster size above which the unseen preference falls (to a tenth at three times this size).</summary>
    public required int ReduceGossipDifferentViewProbability { get; init; }

    public required int MinNrOfMembers { get; init; }

    /// <summary>Send new versions as deltas where the receiver's version is known or likely (<c>delta-gossip</c>).</summary>
    public bool DeltaGossip { get; init; } = true;

    public required ImmutableDictionary<string, int> RoleMinNrOfMembers { get; init; }

    public required TimeSpan PruneTombstonesAfter { get; init; }

    public required FailureDetectorSettings FailureDetector { get; init; }

    public required DowningSettings Downing { get; init; }

    /// <summary>This node signs its messages (it has keys); only compared at join, the frame does the signing.</summary>
    public required bool SignsMessages { get; init; }

    /// <summary>This node refuses unsigned messages; only compared at join.</summary>
    public required bool RequiresSignatures { get; init; }

    /// <summary>The key/value state's quotas and bounds (<c>gossip-state</c>).</summary>
    public required StateLimits StateLimits { get; init; }

    /// <summary>What a Join from this node says about the settings the cluster must share (derived, so it always matches the fields above).</summary>
    public JoinCompatibility Compatibility => JoinCompatibility.Of(this);

    /// <summary>Refuse a joiner whose settings conflict (<c>configuration-compatibility-check.enforce-on-join</c>); off only logs the conflict.</summary>
    public required bool EnforceCompatibilityOnJoin { get; init; }

    /// <summary>The settings of <c>reference.conf</c> as they are.</summary>
    public static CoreSettings Default { get; } = From(ConvergenceSettings.Default);

    public static CoreSettings From(ConvergenceSettings settings) => new()
    {
        GossipInterval = settings.GossipInterval,
        LeaderActionsInterval = settings.LeaderActionsInterval,
        UnreachableNodesReaperInterval = settings.UnreachableNodesReaperInterval,
        PeriodicTasksInitialDelay = settings.PeriodicTasksInitialDelay,
        SeedNodeTimeout = settings.SeedNodeTimeout,
        RetryUnsuccessfulJoinAfter = settings.RetryUnsuccessfulJoinAfter,
        AllowWeaklyUpMembers = settings.AllowWeaklyUpMembers,
        PreferUnseenProbability = settings.PreferUnseenProbability,
        ReduceGossipDifferentViewProbability = settings.ReduceGossipDifferentViewProbability,
        MinNrOfMembers = settings.MinNrOfMembers,
        DeltaGossip = settings.DeltaGossip,
        RoleMinNrOfMembers = settings.RoleMinNrOfMembers.ToImmutableDictionary(StringComparer.Ordinal),
        PruneTombstonesAfter = settings.PruneTombstonesAfter,
        FailureDetector = settings.FailureDetector,
        Downing = settings.Downing,
        SignsMessages = settings.Authentication.IsEnabled,
        RequiresSignatures = settings.Authentication.IsEnabled && settings.Authentication.RequireSignature,
        EnforceCompatibilityOnJoin = settings.EnforceCompatibilityOnJoin,
        StateLimits = settings.GossipState.ToLimits(),
    };

    /// <summary>
    /// The probability of choosing an unseen target for a cluster of <paramref name="size"/>: the
    /// configured value up to the knee, falling linearly to a tenth of it at three times the knee.
    /// </summary>
    public double PreferUnseenProbabilityFor(int size)
    {
        var knee = ReduceGossipDifferentViewProbability;
        if (size <= knee)
        {
            return PreferUnseenProbability;
        }

        var floor = PreferUnseenProbability / 10;
        if (size >= 3 * knee)
        {
            return floor;
        }

        return PreferUnseenProbability - ((PreferUnseenProbability - floor) * (size - knee) / (2.0 * knee));
    }
}
