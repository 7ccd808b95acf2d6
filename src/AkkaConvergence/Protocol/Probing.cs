using System.Collections.Immutable;
using AkkaConvergence.FailureDetection;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>
/// SWIM probing with Lifeguard's additions, as protocol (see <see cref="Suspecting"/> for what a
/// failed probe leads to). Each probe period (heartbeat-interval, stretched by local health) a node
/// pings the next member of its ring in a shuffled round robin; without an ack within
/// probe-timeout it asks indirect-checks other members to ping it (they ack or nack); without any
/// ack by the end, the probe failed. A lost or refused connection reported by the transport probes
/// the member at once, directly and indirectly together. Every probe is answered by its target.
/// </summary>
internal static class Probing
{
    /// <summary>The number of a re-check ping of an accused member (<see cref="RecheckAccused"/>); probes count from 1.</summary>
    private const long RecheckSequenceNr = 0;

    public static bool IsActive(CoreStep step) => step.Settings.FailureDetector.Kind == FailureDetectorKind.Lifeguard;

    public static void OnStarted(CoreStep step)
    {
        if (!IsActive(step))
        {
            return;
        }

        var settings = step.Settings.FailureDetector;
        Update(step, lifeguard => lifeguard with
        {
            Health = new Awareness(0, settings.Lifeguard.AwarenessMaxMultiplier),
            NextProbeAtMillis = step.NowMillis + PeriodicRounds.Phase(step, settings.HeartbeatInterval),
        });
        FollowRing(step);
    }

    /// <summary>After the view changed: watch the ring's members (new ones assumed heard from now); keep what is still being checked.</summary>
    public static void FollowRing(CoreStep step)
    {
        if (!IsActive(step) || !step.State.IsInitialized)
        {
            return;
        }

        var lifeguard = step.State.Lifeguard;
        var receivers = HeartbeatRing.ReceiversOf(step.Self, step.Gossip, step.Settings.FailureDetector.MonitoredByNrOfMembers);
        var monitored = receivers.ToHashSet();
        var unchanged = lifeguard.Targets.Count(t => t.Value.IsMonitored) == monitored.Count
                        && monitored.All(node => lifeguard.Targets.TryGetValue(node, out var target) && target.IsMonitored);
        if (unchanged && lifeguard.Targets.Keys.All(step.Gossip.HasMember))
        {
            return;
        }

        var targets = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, ProbeTarget>();
        foreach (var node in receivers)
        {
            targets[node] = lifeguard.Targets.TryGetValue(node, out var known) ? known with { IsMonitored = true } : new ProbeTarget(step.NowMillis, null, true);
        }

        foreach (var (node, target) in lifeguard.Targets)
        {
            if (!monitored.Contains(node) && step.Gossip.HasMember(node) && (target.Suspicion is not null || lifeguard.IsProbing(node)))
            {
                targets[node] = target with { IsMonitored = false };
            }
        }

        step.State = step.State with
        {
            Lifeguard = lifeguard with
            {
                Targets = targets.ToImmutable(),
                ProbeOrder = unchanged ? lifeguard.ProbeOrder : Shuffled(step, receivers),
                ProbeIndex = unchanged ? lifeguard.ProbeIndex : 0,
            },
        };
    }

    /// <summary>A probe round when due, then every probe and relay whose time has come.</summary>
    public static void OnWakeUp(CoreStep step, long latenessMillis)
    {
        if (!IsActive(step))
        {
            return;
        }

        var probeTimeout = (long)step.Settings.FailureDetector.Lifeguard.ProbeTimeout.TotalMilliseconds;
        var starved = latenessMillis >= probeTimeout;
        if (starved)
        {
            // This node itself ran late: evidence of local trouble, and no ground to judge others now.
            step.Note(new TimerDelayed("probe", latenessMillis, probeTimeout));
            Update(step, lifeguard => lifeguard with { Health = lifeguard.Health.Apply(1) });
        }

        if (step.NowMillis >= step.State.Lifeguard.NextProbeAtMillis)
        {
            ProbeRound(step);
        }

        foreach (var (sequenceNr, probe) in step.State.Lifeguard.Probes.Where(p => step.NowMillis >= p.Value.NextDueAtMillis).ToList())
        {
            if (starved)
            {
                // An ack may be waiting behind this wake-up: give it one probe timeout to be read.
                Update(step, lifeguard => lifeguard with { Probes = lifeguard.Probes.SetItem(sequenceNr, Postponed(probe, step.NowMillis + probeTimeout)) });
            }
            else if (probe.IndirectDueAtMillis is null)
            {
                AskHelpers(step, sequenceNr, probe);
            }
            else
            {
                Fail(step, sequenceNr, probe);
            }
        }

        foreach (var (sequenceNr, relay) in step.State.Lifeguard.Relays.Where(r => step.NowMillis >= r.Value.DueAtMillis).ToList())
        {
            step.Send(relay.Requester.Address, new ProbeReply(step.Self, relay.Target, relay.RequesterSequenceNr, Reached: false));
            Update(step, lifeguard => lifeguard with { Relays = lifeguard.Relays.Remove(sequenceNr) });
        }
    }

    /// <summary>Every probe is answered at once, in any mode, by the incarnation it is for.</summary>
    public static void OnPing(CoreStep step, Ping ping)
    {
        if (ping.To != step.Self)
        {
            step.Drop(DropReason.WrongIncarnation, ping, ping.From);
            return;
        }

        step.Send(ping.From.Address, new ProbeReply(step.Self, step.Self, ping.SequenceNr, Reached: true));
        if (ping.Suspected && IsActive(step))
        {
            // Someone cannot reach this node: perhaps it is the slow one (Lifeguard's refutation rule).
            Update(step, lifeguard => lifeguard with { Health = lifeguard.Health.Apply(1) });
        }
    }

    /// <summary>A helper probes the target for the requester and answers with an ack or, in time, a nack.</summary>
    public static void OnPingRequest(CoreStep step, PingRequest request)
    {
        if (request.Target == step.Self)
        {
            step.Send(request.From.Address, new ProbeReply(step.Self, step.Self, request.SequenceNr, Reached: true));
            return;
        }

        var probeTimeout = (long)step.Settings.FailureDetector.Lifeguard.ProbeTimeout.TotalMilliseconds;
        var sequenceNr = NextSequenceNr(step);
        step.Send(request.Target.Address, new Ping(step.Self, request.Target, sequenceNr, Suspected: false));
        Update(step, lifeguard => lifeguard with
        {
            Relays = lifeguard.Relays.SetItem(sequenceNr, new Relay(request.From, request.SequenceNr, request.Target, step.NowMillis + probeTimeout)),
        });
    }

    public static void OnProbeReply(CoreStep step, ProbeReply reply)
    {
        var lifeguard = step.State.Lifeguard;
        if (lifeguard.Probes.TryGetValue(reply.SequenceNr, out var probe) && probe.Target == reply.Subject)
        {
            if (!reply.Reached)
            {
                Update(step, l => l with { Probes = l.Probes.SetItem(reply.SequenceNr, probe with { NackedBy = probe.NackedBy.Add(reply.From) }) });
                return;
            }

            var wasHealthy = lifeguard.Health.IsHealthy;
            Update(step, l => l with { Probes = l.Probes.Remove(reply.SequenceNr), Health = l.Health.Apply(-1) });
            Suspecting.OnProbeSucceeded(step, probe);
            if (!wasHealthy && step.State.Lifeguard.Health.IsHealthy)
            {
                Suspecting.OnHealthyAgain(step);
            }

            return;
        }

        if (reply.Reached && lifeguard.Relays.TryGetValue(reply.SequenceNr, out var relay) && relay.Target == reply.Subject)
        {
            step.Send(relay.Requester.Address, new ProbeReply(step.Self, relay.Target, relay.RequesterSequenceNr, Reached: true));
            Update(step, l => l with { Relays = l.Relays.Remove(reply.SequenceNr) });
            return;
        }

        if (reply.SequenceNr != RecheckSequenceNr)
        {
            step.Drop(DropReason.Stale, reply, reply.From);
        }
    }

    /// <summary>The transport lost or refused the connection to a member this node monitors: probe it now, directly and through helpers at once.</summary>
    public static void OnTransportFailure(CoreStep step, Akka.Actor.Address address)
    {
        if (!IsActive(step) || !step.State.IsInitialized || address.Equals(step.Self.Address))
        {
            return;
        }

        var member = step.Gossip.Members.FirstOrDefault(m => m.Address.Equals(address));
        if (member is null || OwnReachability.IsAccusedBySelf(step, member.UniqueAddress))
        {
            return;
        }

        var node = member.UniqueAddress;
        var lifeguard = step.State.Lifeguard;
        if (lifeguard.Probes.FirstOrDefault(p => p.Value.Target == node) is { Value: { } running } inFlight)
        {
            Update(step, l => l with { Probes = l.Probes.SetItem(inFlight.Key, running with { TransportEvidence = true }) });
            return;
        }

        if (lifeguard.Targets.GetValueOrDefault(node)?.Suspicion is { } suspicion)
        {
            Suspecting.AddTransportEvidence(step, node, suspicion);
            return;
        }

        if (lifeguard.Targets.GetValueOrDefault(node) is not { IsMonitored: true })
        {
            // Not one of this node's ring: its monitors hear the same from their transports. When a
            // process dies every peer with a connection to it hears of it at once; were all of them
            // to probe, suspect and accuse, one crash would cost N accusations, each a new gossip
            // version of a growing table (measured: 3.2 GB instead of 0.14 GB at 400 nodes).
            return;
        }

        StartProbe(step, node, indirectAtOnce: true, transportEvidence: true, askedBy: []);
    }

    /// <summary>Pings <paramref name="target"/>; with <paramref name="indirectAtOnce"/> the helpers are asked in the same step.</summary>
    public static void StartProbe(CoreStep step, UniqueAddress target, bool indirectAtOnce, bool transportEvidence, ImmutableList<(UniqueAddress Accuser, long Number)> askedBy)
    {
        var probeTimeout = (long)step.Settings.FailureDetector.Lifeguard.ProbeTimeout.TotalMilliseconds;
        var sequenceNr = NextSequenceNr(step);
        var suspected = step.State.Lifeguard.Targets.GetValueOrDefault(target)?.Suspicion is not null;
        step.Send(target.Address, new Ping(step.Self, target, sequenceNr, suspected));
        var probe = new Probe(target, step.NowMillis, step.NowMillis + probeTimeout, null, [], [], transportEvidence, askedBy);
        Update(step, lifeguard => lifeguard with { Probes = lifeguard.Probes.SetItem(sequenceNr, probe) });
        if (indirectAtOnce)
        {
            AskHelpers(step, sequenceNr, probe);
        }
    }

    public static void Update(CoreStep step, Func<LifeguardState, LifeguardState> change) =>
        step.State = step.State with { Lifeguard = change(step.State.Lifeguard) };

    private static void ProbeRound(CoreStep step)
    {
        var interval = (long)step.Settings.FailureDetector.HeartbeatInterval.TotalMilliseconds;
        var lifeguard = step.State.Lifeguard;
        Update(step, l => l with { NextProbeAtMillis = CoreSchedule.NextAfter(l.NextProbeAtMillis, step.NowMillis, l.Health.Scale(interval)) });
        if (!step.State.IsInitialized)
        {
            return;
        }

        RecheckAccused(step);
        if (lifeguard.ProbeOrder.IsEmpty)
        {
            return;
        }

        var order = lifeguard.ProbeOrder;
        var index = lifeguard.ProbeIndex;
        for (var tried = 0; tried < order.Length; tried++, index++)
        {
            if (index >= order.Length)
            {
                order = Shuffled(step, order); // A new pass, in a new order (memberlist's shuffle on wrap).
                index = 0;
            }

            var candidate = order[index];
            if (lifeguard.Targets.ContainsKey(candidate) && !lifeguard.IsProbing(candidate))
            {
                Update(step, l => l with { ProbeOrder = order, ProbeIndex = index + 1 });
                StartProbe(step, candidate, indirectAtOnce: false, transportEvidence: false, askedBy: []);
                return;
            }
        }

        Update(step, l => l with { ProbeOrder = order, ProbeIndex = index });
    }

    /// <summary>
    /// Every probe round, each member this node accuses is pinged again (Akka keeps heartbeating
    /// unreachable members): its answer, like anything heard from it, marks it reachable again. An
    /// accused member is no longer in the probe rotation, so otherwise only its own messages could
    /// clear the accusation — which, after a partition healed, left one stale accusation standing
    /// until the downing provider downed a healthy member (partition at 50 nodes, seed 1). The ping
    /// is not a probe: no helpers, no suspicion, no health penalty when it goes unanswered (a
    /// crashed member is pinged until it is removed), and its number is 0, which no probe uses.
    /// </summary>
    private static void RecheckAccused(CoreStep step)
    {
        foreach (var node in step.Gossip.Reachability.AllUnreachableOrTerminatedFrom(step.Self).Where(n => step.Gossip.Reachability.Status(step.Self, n) == ReachabilityStatus.Unreachable))
        {
            step.Send(node.Address, new Ping(step.Self, node, RecheckSequenceNr, Suspected: false));
        }
    }

    /// <summary>Asks up to indirect-checks other members, live and neither suspected nor accused from here, to probe the target.</summary>
    private static void AskHelpers(CoreStep step, long sequenceNr, Probe probe)
    {
        var settings = step.Settings.FailureDetector.Lifeguard;
        var probeTimeout = (long)settings.ProbeTimeout.TotalMilliseconds;
        var candidates = step.Membership.ValidGossipTargets
            .Where(node => node != probe.Target && !IsSuspected(step, node) && step.Gossip.GetMember(node).Status is not (MemberStatus.Down or MemberStatus.Exiting))
            .ToList();
        var helpers = Dissemination.PickDistinct(step.Random, candidates, settings.IndirectChecks).ToList();
        foreach (var helper in helpers)
        {
            step.Send(helper.Address, new PingRequest(step.Self, probe.Target, sequenceNr));
        }

        // The helpers' own probe timeout, plus half again for their answer to come back.
        var wait = step.State.Lifeguard.Health.Scale(probeTimeout + (probeTimeout / 2));
        Update(step, lifeguard => lifeguard with
        {
            Probes = lifeguard.Probes.SetItem(sequenceNr, probe with { IndirectDueAtMillis = step.NowMillis + wait, Helpers = [.. helpers] }),
        });
    }

    /// <summary>
    /// No ack from any path in time: the target is suspected. Nacks that did not come say this node
    /// may be the slow one, except from helpers this node now suspects itself (across a partition,
    /// their silence is theirs, not this node's).
    /// </summary>
    private static void Fail(CoreStep step, long sequenceNr, Probe probe)
    {
        var missingNacks = probe.Helpers.IsEmpty ? 1 : probe.Helpers.Count(h => !probe.NackedBy.Contains(h) && !IsSuspected(step, h));
        var wasCutOff = step.State.Lifeguard.IsCutOff;
        Update(step, lifeguard => lifeguard with
        {
            Probes = lifeguard.Probes.Remove(sequenceNr),
            Health = lifeguard.Health.Apply(missingNacks),
            FailedWhileSilent = probe.SentAtMillis >= lifeguard.LastHeardFromAnyoneMillis ? lifeguard.FailedWhileSilent.Add(probe.Target) : lifeguard.FailedWhileSilent,
        });
        Suspecting.OnProbeFailed(step, probe);
        if (!wasCutOff && step.State.Lifeguard.IsCutOff)
        {
            Update(step, lifeguard => lifeguard with { CutOffSinceMillis = step.NowMillis });
            Suspecting.OnCutOff(step);
        }
    }

    /// <summary>This node suspects <paramref name="node"/> or has accused it.</summary>
    public static bool IsSuspected(CoreStep step, UniqueAddress node) =>
        step.State.Lifeguard.Targets.GetValueOrDefault(node)?.Suspicion is not null || OwnReachability.IsAccusedBySelf(step, node);

    private static Probe Postponed(Probe probe, long dueAtMillis) =>
        probe.IndirectDueAtMillis is null ? probe with { AckDueAtMillis = dueAtMillis } : probe with { IndirectDueAtMillis = dueAtMillis };

    private static long NextSequenceNr(CoreStep step)
    {
        var next = step.State.Lifeguard.SequenceNr + 1;
        Update(step, lifeguard => lifeguard with { SequenceNr = next });
        return next;
    }

    private static ImmutableArray<UniqueAddress> Shuffled(CoreStep step, IReadOnlyList<UniqueAddress> nodes) =>
        [.. Dissemination.PickDistinct(step.Random, nodes, nodes.Count)];
}
