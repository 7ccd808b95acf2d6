namespace AkkaConvergence.Protocol;

/// <summary>When the core's periodic tasks run next (monotonic milliseconds).</summary>
/// <param name="GossipAtMillis">The next gossip round (and join resend check).</param>
/// <param name="LeaderActionsAtMillis">The next leader-actions round (and downing, self-down checks).</param>
internal sealed record CoreSchedule(long GossipAtMillis, long LeaderActionsAtMillis)
{
    /// <summary>Before <see cref="Started"/>: nothing is due.</summary>
    public static CoreSchedule NotStarted { get; } = new(long.MaxValue, long.MaxValue);

    /// <summary>
    /// The due time after one that just ran: one interval later, or one interval from now when the
    /// task ran more than an interval late. Missed rounds are skipped, not caught up in a burst: a
    /// node that was paused must not fire a volley of rounds (or heartbeats, which would skew the
    /// detectors of its peers) the moment it runs again.
    /// </summary>
    public static long NextAfter(long dueMillis, long nowMillis, long intervalMillis) =>
        dueMillis + intervalMillis > nowMillis ? dueMillis + intervalMillis : nowMillis + intervalMillis;
}
