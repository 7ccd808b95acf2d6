using System.Collections.Immutable;

namespace AkkaConvergence.FailureDetection;

/// <summary>
/// One observer's suspicion of one member (memberlist's <c>suspicion.go</c>, adapted): when it
/// began, who independently confirmed it, when anyone last heard from the member, and whether the
/// transport proved its process gone. The member is accused (marked unreachable) at
/// <see cref="DueAtMillis"/> unless it refutes, answers or is heard from first.
/// </summary>
/// <param name="Number">This observer's number for the suspicion (a refutation names it).</param>
/// <param name="StartedAtMillis">When it began (monotonic).</param>
/// <param name="Confirmers">Other observers that suspect the member too.</param>
/// <param name="ExpectedConfirmations">How many confirmations bring the timeout to its minimum (fewer in a small cluster).</param>
/// <param name="LastHeardByAnyMillis">The latest moment this observer or a confirmer heard from the member.</param>
/// <param name="TransportEvidence">The transport reported the member's connection lost or refused.</param>
/// <param name="Deferred">Due while this node was unhealthy: the accusation waits until it is healthy again.</param>
internal sealed record Suspicion(
    long Number,
    long StartedAtMillis,
    ImmutableHashSet<UniqueAddress> Confirmers,
    int ExpectedConfirmations,
    long LastHeardByAnyMillis,
    bool TransportEvidence,
    bool Deferred)
{
    /// <summary>
    /// memberlist's <c>remainingSuspicionTime</c>: with <paramref name="confirmations"/> of
    /// <paramref name="expected"/>, the timeout falls from max toward min as
    /// <c>max − log(n + 1) / log(k + 1) · (max − min)</c>, never below min; with nothing to expect, min.
    /// </summary>
    public static long TimeoutMillis(int confirmations, int expected, long minMillis, long maxMillis)
    {
        if (expected < 1)
        {
            return minMillis;
        }

        var fraction = Math.Log(confirmations + 1.0) / Math.Log(expected + 1.0);
        return Math.Max(minMillis, (long)Math.Floor(maxMillis - (fraction * (maxMillis - minMillis))));
    }

    /// <summary>
    /// When the member is accused. Without transport evidence: the confirmation-driven timeout, and
    /// never before the member has been silent for the acceptable pause (so a stop-the-world pause
    /// of a healthy node is not an accusation). With it: half a probe timeout, for a refutation
    /// still on its way (a round trip on a LAN is far shorter).
    /// </summary>
    public long DueAtMillis(LifeguardSettings settings, TimeSpan acceptablePause)
    {
        if (TransportEvidence)
        {
            return StartedAtMillis + ((long)settings.ProbeTimeout.TotalMilliseconds / 2);
        }

        var timeout = TimeoutMillis(Confirmers.Count, ExpectedConfirmations, (long)settings.SuspicionMinTimeout.TotalMilliseconds, (long)settings.SuspicionMaxTimeout.TotalMilliseconds);
        return Math.Max(StartedAtMillis + timeout, LastHeardByAnyMillis + (long)acceptablePause.TotalMilliseconds);
    }
}
