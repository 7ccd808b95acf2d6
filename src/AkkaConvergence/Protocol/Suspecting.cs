using System.Collections.Immutable;
using AkkaConvergence.FailureDetection;

namespace AkkaConvergence.Protocol;

/// <summary>
/// What a failed probe leads to (Lifeguard's suspicion): the prober suspects the member and tells
/// it (so it refutes at once) and its other monitors (so they check it themselves, and confirm or
/// refute). The member is accused — marked unreachable in this node's row — when the
/// <see cref="Suspicion"/> falls due: after a timeout that shrinks with independent confirmations,
/// and never before a probe of it has gone unanswered for acceptable-heartbeat-pause (plus half a
/// probe timeout),
/// unless the transport proved its process gone. Anything heard from the member clears the
/// suspicion, or its accusation. A node in poor health holds back its accusations until it is
/// healthy again, until other observers confirm one and a fresh probe of the member fails too, or
/// until it finds itself cut off from everyone.
/// </summary>
internal static class Suspecting
{
    /// <summary>Every input from a member is evidence that it is alive.</summary>
    public static void HeardFrom(CoreStep step, UniqueAddress node)
    {
        if (!Probing.IsActive(step) || !step.State.IsInitialized || node == step.Self)
        {
            return;
        }

        if (step.State.Lifeguard.IsCutOff)
        {
            OnHeardAgain(step);
        }

        if (!step.State.Lifeguard.FailedWhileSilent.IsEmpty || step.State.Lifeguard.LastHeardFromAnyoneMillis < step.NowMillis)
        {
            Probing.Update(step, lifeguard => lifeguard with { LastHeardFromAnyoneMillis = step.NowMillis, FailedWhileSilent = [] });
        }

        if (step.State.Lifeguard.Targets.TryGetValue(node, out var target))
        {
            if (target.Suspicion is not null && step.Gossip.TryGetMember(node, out var member))
            {
                step.Note(new SuspicionCleared(member));
            }

            Probing.Update(step, lifeguard => lifeguard with { Targets = lifeguard.Targets.SetItem(node, target with { LastHeardMillis = step.NowMillis, Suspicion = null }) });
        }

        if (OwnReachability.IsAccusedBySelf(step, node))
        {
            OwnReachability.Mark(step, [], [node]);
        }
    }

    public static void OnProbeFailed(CoreStep step, Probe probe)
    {
        var node = probe.Target;
        if (!step.Gossip.HasMember(node) || OwnReachability.IsAccusedBySelf(step, node))
        {
            return;
        }

        var target = step.State.Lifeguard.Targets.GetValueOrDefault(node) ?? new ProbeTarget(step.NowMillis, null, false);
        if (target.Suspicion is { } running)
        {
            if (probe.TransportEvidence)
            {
                AddTransportEvidence(step, node, running);
            }

            if (running.Deferred && IsCorroborated(step, node, running) && probe.SentAtMillis >= running.DueAtMillis(step.Settings.FailureDetector))
            {
                Accuse(step, [node]); // Others agree, and a probe sent since it fell due failed on every path too.
            }

            return;
        }

        var number = step.State.Lifeguard.SuspicionNr + 1;
        var suspicion = new Suspicion(
            number,
            step.NowMillis,
            [.. probe.AskedBy.Select(a => a.Accuser).Where(a => a != step.Self)],
            ExpectedConfirmations(step),
            probe.SentAtMillis,
            probe.TransportEvidence,
            Deferred: false);
        Probing.Update(step, lifeguard => lifeguard with { SuspicionNr = number, Targets = lifeguard.Targets.SetItem(node, target with { Suspicion = suspicion }) });
        step.Note(new MemberSuspected(step.Gossip.GetMember(node)));

        var told = HeartbeatRing.MonitorsOf(node, step.Gossip, step.Settings.FailureDetector.MonitoredByNrOfMembers)
            .Concat(probe.AskedBy.Select(a => a.Accuser))
            .Append(node)
            .Where(n => n != step.Self)
            .Distinct();
        var message = new Suspect(step.Self, node, number, step.NowMillis - probe.SentAtMillis);
        foreach (var recipient in told)
        {
            step.Send(recipient.Address, message);
        }
    }

    /// <summary>The member answered (directly, or through a helper): any suspicion ends, and those who asked are told.</summary>
    public static void OnProbeSucceeded(CoreStep step, Probe probe)
    {
        HeardFrom(step, probe.Target);
        foreach (var (accuser, number) in probe.AskedBy)
        {
            step.Send(accuser.Address, new Refute(step.Self, probe.Target, number));
        }
    }

    public static void OnSuspect(CoreStep step, Suspect suspect)
    {
        if (suspect.Subject == step.Self)
        {
            // Refute at once; having to is itself a hint that this node is slow.
            step.Send(suspect.Accuser.Address, new Refute(step.Self, step.Self, suspect.Number));
            step.Note(new SuspicionRefuted(suspect.Accuser));
            Probing.Update(step, lifeguard => lifeguard with { Health = lifeguard.Health.Apply(Probing.IsActive(step) ? 1 : 0) });
            return;
        }

        if (!Probing.IsActive(step) || !step.State.IsInitialized || !step.Gossip.HasMember(suspect.Subject))
        {
            step.Drop(DropReason.Stale, suspect, suspect.Accuser);
            return;
        }

        var node = suspect.Subject;
        var target = step.State.Lifeguard.Targets.GetValueOrDefault(node);
        if (target?.Suspicion is { } mine)
        {
            // An independent confirmation: the timeout shrinks, and the member may have left a probe unanswered earlier than this node knew.
            var confirmed = mine with
            {
                Confirmers = suspect.Accuser == step.Self ? mine.Confirmers : mine.Confirmers.Add(suspect.Accuser),
                UnansweredSinceMillis = Math.Min(mine.UnansweredSinceMillis, step.NowMillis - suspect.UnansweredForMillis),
            };
            Probing.Update(step, lifeguard => lifeguard with { Targets = lifeguard.Targets.SetItem(node, target with { Suspicion = confirmed }) });
            if (confirmed.Deferred && IsCorroborated(step, node, confirmed))
            {
                ProbeAgain(step, node);
            }

            return;
        }

        if (OwnReachability.IsAccusedBySelf(step, node))
        {
            step.Send(suspect.Accuser.Address, new Suspect(step.Self, node, 0, step.NowMillis - (target?.LastHeardMillis ?? 0)));
            return;
        }

        var probeTimeout = (long)step.Settings.FailureDetector.Lifeguard.ProbeTimeout.TotalMilliseconds;
        if (target is not null && step.NowMillis - target.LastHeardMillis < probeTimeout)
        {
            step.Send(suspect.Accuser.Address, new Refute(step.Self, node, suspect.Number)); // Heard from it just now.
            return;
        }

        var lifeguardState = step.State.Lifeguard;
        if (lifeguardState.Probes.FirstOrDefault(p => p.Value.Target == node) is { Value: { } running } inFlight)
        {
            Probing.Update(step, lifeguard => lifeguard with { Probes = lifeguard.Probes.SetItem(inFlight.Key, running with { AskedBy = running.AskedBy.Add((suspect.Accuser, suspect.Number)) }) });
            return;
        }

        Probing.StartProbe(step, node, indirectAtOnce: true, transportEvidence: false, askedBy: [(suspect.Accuser, suspect.Number)]);
    }

    /// <summary>The member refuted this node's suspicion, or a witness reached it: the suspicion ends.</summary>
    public static void OnRefute(CoreStep step, Refute refute)
    {
        var target = step.State.Lifeguard.Targets.GetValueOrDefault(refute.Subject);
        if (target?.Suspicion is not { } suspicion || (refute.From != refute.Subject && suspicion.Number != refute.Number))
        {
            return;
        }

        Probing.Update(step, lifeguard => lifeguard with { Targets = lifeguard.Targets.SetItem(refute.Subject, target with { Suspicion = null }) });
        if (step.Gossip.TryGetMember(refute.Subject, out var member))
        {
            step.Note(new SuspicionCleared(member));
        }
    }

    /// <summary>Suspicions that fell due: accused, unless this node is unhealthy (then deferred until it is healthy again).</summary>
    public static void OnWakeUp(CoreStep step)
    {
        if (!Probing.IsActive(step) || !step.State.IsInitialized)
        {
            return;
        }

        var detector = step.Settings.FailureDetector;
        var due = step.State.Lifeguard.Targets
            .Where(t => t.Value.Suspicion is { Deferred: false } s && step.NowMillis >= s.DueAtMillis(detector))
            .ToList();
        if (due.Count == 0)
        {
            return;
        }

        if (!step.State.Lifeguard.Health.IsHealthy && !step.State.Lifeguard.IsCutOff)
        {
            Probing.Update(step, lifeguard => lifeguard with
            {
                Targets = due.Aggregate(lifeguard.Targets, (targets, t) => targets.SetItem(t.Key, t.Value with { Suspicion = t.Value.Suspicion! with { Deferred = true } })),
            });
            foreach (var node in due.Where(t => IsCorroborated(step, t.Key, t.Value.Suspicion!)).Select(t => t.Key))
            {
                ProbeAgain(step, node);
            }

            return;
        }

        Accuse(step, due.Select(t => t.Key).ToList());
    }

    /// <summary>
    /// A held-back suspicion that others confirm is checked once more, directly and through helpers
    /// at once; if that fresh probe fails too, it is an accusation in spite of poor health. The
    /// confirmations alone are not enough: a node that was paused receives, on resuming, Suspects
    /// that were true when they were sent and are stale now.
    /// </summary>
    private static void ProbeAgain(CoreStep step, UniqueAddress node)
    {
        if (!step.State.Lifeguard.Probes.Values.Any(p => p.Target == node))
        {
            Probing.StartProbe(step, node, indirectAtOnce: true, transportEvidence: false, askedBy: []);
        }
    }

    /// <summary>
    /// Other observers confirm the suspicion (as many as it expects, at least one): it does not rest
    /// on this node's judgement alone. Without this, a node that paused and then probed mostly dead
    /// members stayed unhealthy for tens of seconds with its accusations held, and the late
    /// accusations kept reachability changing until down-all-when-unstable downed a healthy cluster
    /// (chaos seed 54 at 15 nodes).
    /// <para>
    /// When no one is left who could confirm it (two members; the last survivors of a mass crash;
    /// this node's side of a partition), waiting for confirmations would hold the accusation for
    /// good: there, as in memberlist, this node's own fresh probe is the evidence. A two-member
    /// cluster made that plain: each failed probe without helpers costs health, so the node soon
    /// counted as unhealthy and never accused its blackholed peer.
    /// </para>
    /// </summary>
    private static bool IsCorroborated(CoreStep step, UniqueAddress node, Suspicion suspicion) =>
        suspicion.Confirmers.Count >= Math.Max(1, suspicion.ExpectedConfirmations) || !AnyoneCouldConfirm(step, node) || step.State.Lifeguard.IsCutOff;

    /// <summary>Whether a member other than this node and <paramref name="node"/> is live and not itself suspected or accused by this node.</summary>
    private static bool AnyoneCouldConfirm(CoreStep step, UniqueAddress node) =>
        step.Gossip.Members.Any(m =>
            m.UniqueAddress != step.Self
            && m.UniqueAddress != node
            && m.Status is not (MemberStatus.Down or MemberStatus.Exiting)
            && !Probing.IsSuspected(step, m.UniqueAddress));

    /// <summary>
    /// This node found itself cut off (see <see cref="LifeguardState.IsCutOff"/>): every member it
    /// watches and has not accused is probed at once, directly and through helpers, and what still
    /// fails while it is cut off is accused in spite of poor health. Otherwise its probes,
    /// stretched by the poor health the silence itself causes, reached one member every several
    /// seconds and its accusations trickled in over half a minute. What it held back is not accused
    /// on the old evidence: a node cut off for a moment (a pause, a loss burst) hears again before
    /// the fresh probes fail.
    /// </summary>
    public static void OnCutOff(CoreStep step)
    {
        var lifeguard = step.State.Lifeguard;
        var watched = lifeguard.Targets
            .Where(t => t.Value.IsMonitored && !lifeguard.IsProbing(t.Key) && !OwnReachability.IsAccusedBySelf(step, t.Key))
            .Select(t => t.Key)
            .ToList();
        foreach (var node in watched)
        {
            Probing.StartProbe(step, node, indirectAtOnce: true, transportEvidence: false, askedBy: []);
        }
    }

    /// <summary>
    /// A node that was cut off hears from someone again: the accusations it made meanwhile rest on
    /// nothing but its own silence, so it takes them back before anything it sends can carry them,
    /// and probes those members at once (directly and through helpers); one that is really gone is
    /// suspected and accused again within a suspicion timeout. Left standing, they reached every
    /// node with the next gossip and kept reachability changing after the cut had healed, until
    /// down-all-when-unstable downed a healthy cluster (chaos seed 518 at 15 nodes).
    /// </summary>
    private static void OnHeardAgain(CoreStep step)
    {
        var retracted = step.State.Lifeguard.AccusedWhileCutOff.Where(node => OwnReachability.IsAccusedBySelf(step, node)).ToList();
        Probing.Update(step, lifeguard => lifeguard with { AccusedWhileCutOff = [] });
        if (retracted.Count == 0)
        {
            return;
        }

        OwnReachability.Mark(step, [], retracted);
        foreach (var node in retracted.Where(node => step.Gossip.HasMember(node) && !step.State.Lifeguard.IsProbing(node)))
        {
            Probing.StartProbe(step, node, indirectAtOnce: true, transportEvidence: false, askedBy: []);
        }
    }

    /// <summary>This node is healthy again: the accusations it deferred are made now, for members still not heard from.</summary>
    public static void OnHealthyAgain(CoreStep step)
    {
        var deferred = step.State.Lifeguard.Targets.Where(t => t.Value.Suspicion is { Deferred: true }).Select(t => t.Key).ToList();
        if (deferred.Count > 0)
        {
            Accuse(step, deferred);
        }
    }

    public static void AddTransportEvidence(CoreStep step, UniqueAddress node, Suspicion suspicion) =>
        Probing.Update(step, lifeguard => lifeguard with
        {
            Targets = lifeguard.Targets.SetItem(node, lifeguard.Targets[node] with { Suspicion = suspicion with { TransportEvidence = true } }),
        });

    private static void Accuse(CoreStep step, IReadOnlyList<UniqueAddress> nodes)
    {
        Probing.Update(step, lifeguard => lifeguard with
        {
            Targets = nodes.Aggregate(lifeguard.Targets, (targets, node) => targets.SetItem(node, targets[node] with { Suspicion = null })),
            AccusedWhileCutOff = lifeguard.IsCutOff ? lifeguard.AccusedWhileCutOff.Union(nodes) : lifeguard.AccusedWhileCutOff,
        });
        OwnReachability.Mark(step, nodes, []);
    }

    /// <summary>Confirmations to expect: suspicion-confirmations, or none when the cluster is too small to supply them (memberlist's rule).</summary>
    private static int ExpectedConfirmations(CoreStep step)
    {
        var expected = step.Settings.FailureDetector.Lifeguard.SuspicionConfirmations;
        return step.Gossip.Members.Count - 2 < expected ? 0 : expected;
    }
}
