using System.Collections.Immutable;

namespace AkkaConvergence.Protocol.Downing;

/// <summary>
/// Tracks how long the set of unreachable members has been stable (a decision waits for
/// stable-after) and since when it has been unstable at all (for down-all-when-unstable).
/// </summary>
/// <param name="Unreachable">The undecided unreachable members last seen.</param>
/// <param name="StableSinceMillis">When that set last changed.</param>
/// <param name="UnstableSinceMillis">When members first became unreachable since the last decision, or since all were reachable; null while all are reachable.</param>
internal sealed record DowningTracker(ImmutableSortedSet<UniqueAddress> Unreachable, long StableSinceMillis, long? UnstableSinceMillis)
{
    public static DowningTracker Initial { get; } = new([], 0, null);

    /// <summary>
    /// Updates the tracking with the current undecided unreachable members. When some of those
    /// last seen were decided since (downed, exiting or removed), the instability counts from now:
    /// a decision is progress, and what was unreachable before it is settled (Akka's resolver
    /// resets its instability statistics when it acts). Without that, a half minute of faults with
    /// a decision in between was taken for one long instability, and every node downed itself.
    /// </summary>
    public DowningTracker Observe(ImmutableSortedSet<UniqueAddress> undecidedUnreachable, bool someDecided, long nowMillis)
    {
        if (undecidedUnreachable.SetEquals(Unreachable))
        {
            return this;
        }

        long? unstableSince = undecidedUnreachable.IsEmpty ? null
            : someDecided ? nowMillis
            : UnstableSinceMillis ?? nowMillis;
        return new DowningTracker(undecidedUnreachable, nowMillis, unstableSince);
    }

    public bool IsStable(DowningSettings settings, long nowMillis) =>
        nowMillis - StableSinceMillis >= (long)settings.StableAfter.TotalMilliseconds;

    /// <summary>
    /// Reachability is still changing (not stable now) and its changes have spread over longer than
    /// stable-after plus the down-all-when-unstable margin (from the first change to the latest, as
    /// Akka's resolver measures it): no side can be trusted to decide. A set that has been stable is
    /// the leader's decision, never a down-all; and failures that merely follow one another (a
    /// crash, then another, then a restart) do not count as instability until their changes alone
    /// span that long.
    /// </summary>
    public bool IsUnstableTooLong(DowningSettings settings, long nowMillis) =>
        settings.DownAllWhenUnstable is { } extra && UnstableSinceMillis is { } since
        && !IsStable(settings, nowMillis)
        && StableSinceMillis - since >= (long)(settings.StableAfter + extra).TotalMilliseconds;

    /// <summary>After acting, the clock for the next decision starts again.</summary>
    public DowningTracker Acted(long nowMillis) => this with { StableSinceMillis = nowMillis };
}
