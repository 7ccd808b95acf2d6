using System.Collections.Immutable;

namespace AkkaConvergence.Protocol;

/// <summary>What the core needs from the configuration; built once from the validated settings.</summary>
internal sealed record CoreSettings
{
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan LeaderActionsInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan SeedNodeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Interval at which a joiner re-sends InitJoin to the seeds, and Join to its contact, while it
    /// waits. Akka re-sends InitJoin every seed-node-timeout (non-first seeds) and Join only after
    /// retry-unsuccessful-join-after, so one lost message costs 5–10 s there.
    /// </summary>
    public TimeSpan JoinResendInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How soon a joiner asks a seed again after it answered that it is not in a cluster yet (Akka waits seed-node-timeout).</summary>
    public TimeSpan InitJoinRetryAfterNack { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Restart a join that got no Welcome after this long; null = never.</summary>
    public TimeSpan? RetryUnsuccessfulJoinAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Move joiners to WeaklyUp after the leader has been unable to converge this long; null = never.</summary>
    public TimeSpan? AllowWeaklyUpMembers { get; init; } = TimeSpan.FromSeconds(7);

    public double PreferUnseenProbability { get; init; } = 0.8;

    /// <summary>Cluster size above which the unseen preference falls (to a tenth at three times this size).</summary>
    public int ReduceGossipDifferentViewProbability { get; init; } = 400;

    public int MinNrOfMembers { get; init; } = 1;

    public ImmutableDictionary<string, int> RoleMinNrOfMembers { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>How many unseen members a node pushes a new version to at once (event-driven dissemination).</summary>
    public int PushFanout { get; init; } = 3;

    /// <summary>The shortest time between two event-driven pushes (or leader acknowledgements) of one node.</summary>
    public TimeSpan PushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long after a new version the leader pushes it directly to the members that have not
    /// acknowledged it (the few that random pushes missed), instead of leaving them to the next
    /// gossip rounds.
    /// </summary>
    public TimeSpan StragglerRepairDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The most members one straggler repair round pushes to.</summary>
    public int StragglerRepairLimit { get; init; } = 50;

    /// <summary>
    /// Repair rounds per version, each after twice the previous delay. Members whose
    /// acknowledgement is merely late drop out of the missing set between rounds.
    /// </summary>
    public int StragglerRepairRounds { get; init; } = 4;

    /// <summary>How many members a node tells as its membership ends (it was downed, or its exit tasks completed).</summary>
    public int ShutdownGossipFanout { get; init; } = 5;

    /// <summary>Leader-action ticks a Down node waits for the others to see its Down before it shuts down anyway.</summary>
    public int SelfDownMaxTicks { get; init; } = 4;

    public TimeSpan PruneTombstonesAfter { get; init; } = TimeSpan.FromHours(24);

    public DowningSettings Downing { get; init; } = DowningSettings.Default;

    public static CoreSettings Default { get; } = new();

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
