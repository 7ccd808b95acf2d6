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
/// <param name="UnansweredSinceMillis">When the earliest probe this observer or a confirmer sent it, and got no answer to, went out.</param>
/// <param name="TransportEvidence">The transport reported the member's connection lost or refused.</param>
/// <param name="Deferred">Due while this node was unhealthy: the accusation waits until it is healthy again, or others confirm it and a fresh probe fails.</param>
internal sealed record Suspicion(
    long Number,
    long StartedAtMillis,
    ImmutableHashSet<UniqueAddress> Confirmers,
    int ExpectedConfirmations,
    long UnansweredSinceMillis,
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
    /// never before a probe has gone unanswered for <see cref="SilenceFloorMillis"/> (so a
    /// stop-the-world pause of a healthy node is not an accusation). With it: half a probe timeout, for a
    /// refutation still on its way (a round trip on a LAN is far shorter).
    /// </summary>
    public long DueAtMillis(FailureDetectorSettings detector)
    {
        var settings = detector.Lifeguard;
        if (TransportEvidence)
        {
            return StartedAtMillis + ((long)settings.ProbeTimeout.TotalMilliseconds / 2);
        }

        var timeout = TimeoutMillis(Confirmers.Count, ExpectedConfirmations, (long)settings.SuspicionMinTimeout.TotalMilliseconds, (long)settings.SuspicionMaxTimeout.TotalMilliseconds);
        return Math.Max(StartedAtMillis + timeout, UnansweredSinceMillis + SilenceFloorMillis(detector));
    }

    /// <summary>
    /// How long a member must have left a probe unanswered before it is accused:
    /// acceptable-heartbeat-pause, plus half a probe timeout for its answer to arrive once it runs
    /// again. A member paused for less than the acceptable pause answers every probe sent during
    /// the pause in time; one that only answered nothing for a while before the probe is not
    /// judged on that (the last word from it may be seconds old just because nobody asked).
    /// </summary>
    public static long SilenceFloorMillis(FailureDetectorSettings detector) =>
        (long)detector.AcceptableHeartbeatPause.TotalMilliseconds + ((long)detector.Lifeguard.ProbeTimeout.TotalMilliseconds / 2);
}
