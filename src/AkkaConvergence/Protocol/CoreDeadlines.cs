namespace AkkaConvergence.Protocol;

/// <summary>
/// The earliest moment anything in the core is due, derived from the state alone: the shell holds
/// one timer for it, so the core's idea of what is pending is always the shell's.
/// </summary>
internal static class CoreDeadlines
{
    public static long? NextDueAt(CoreState state)
    {
        if (state.Phase == CorePhase.Terminated)
        {
            return null;
        }

        var next = Math.Min(state.Schedule.GossipAtMillis, state.Schedule.LeaderActionsAtMillis);
        next = Math.Min(next, state.Heartbeats.NextDueAtMillis());
        next = Math.Min(next, state.Lifeguard.NextDueAtMillis(state.Settings.FailureDetector));
        next = Math.Min(next, state.Push.NextDueAtMillis());
        next = Math.Min(next, state.KeyValue.NextDueAtMillis());
        if (state is { Phase: CorePhase.Joining, Join: { } join })
        {
            next = Math.Min(next, join.NextDueAtMillis());
        }

        return next == long.MaxValue ? null : next;
    }
}
