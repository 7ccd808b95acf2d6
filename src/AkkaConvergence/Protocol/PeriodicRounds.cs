namespace AkkaConvergence.Protocol;

/// <summary>
/// The core's own clockwork: the periodic gossip and leader-action rounds run when their time in
/// <see cref="CoreSchedule"/> has come, on a wake-up, instead of on timers of the shell. Both
/// shells then run the same schedule, and a late round is visible to the core.
/// </summary>
internal static class PeriodicRounds
{
    /// <summary>
    /// The first rounds come after periodic-tasks-initial-delay plus a random phase within one
    /// interval, so nodes started together do not gossip in lockstep.
    /// </summary>
    public static void OnStarted(CoreStep step)
    {
        var delay = (long)step.Settings.PeriodicTasksInitialDelay.TotalMilliseconds;
        step.State = step.State with
        {
            Schedule = new CoreSchedule(
                step.NowMillis + delay + Phase(step, step.Settings.GossipInterval),
                step.NowMillis + delay + Phase(step, step.Settings.LeaderActionsInterval)),
        };
    }

    /// <summary>Runs the rounds that are due: a gossip round (anti-entropy), then a leader-actions round.</summary>
    public static void OnWakeUp(CoreStep step)
    {
        var schedule = step.State.Schedule;
        if (step.NowMillis >= schedule.GossipAtMillis)
        {
            var interval = (long)step.Settings.GossipInterval.TotalMilliseconds;
            step.State = step.State with { Schedule = schedule with { GossipAtMillis = CoreSchedule.NextAfter(schedule.GossipAtMillis, step.NowMillis, interval) } };
            Dissemination.OnGossipRound(step);
        }

        schedule = step.State.Schedule;
        if (step.NowMillis >= schedule.LeaderActionsAtMillis)
        {
            var interval = (long)step.Settings.LeaderActionsInterval.TotalMilliseconds;
            step.State = step.State with { Schedule = schedule with { LeaderActionsAtMillis = CoreSchedule.NextAfter(schedule.LeaderActionsAtMillis, step.NowMillis, interval) } };
            LeaderActions.Propose(step);
            LeaderActions.PruneTombstones(step);
            DowningProtocol.OnLeaderActionsRound(step);
            SelfLifecycle.OnLeaderActionsRoundWhileDown(step);
        }
    }

    /// <summary>A random offset in [0, interval) milliseconds.</summary>
    public static long Phase(CoreStep step, TimeSpan interval) => step.Random.NextInt64(Math.Max(1, (long)interval.TotalMilliseconds));
}
