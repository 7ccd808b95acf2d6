using AkkaConvergence.FailureDetection;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.Protocol.LifeguardHarness;

namespace AkkaConvergence.Tests.Protocol;

public class SuspectingTests
{
    private static readonly UniqueAddress Self = Nodes[0];
    private static readonly long Pause = Suspicion.SilenceFloorMillis(Settings.FailureDetector);

    /// <summary>Self's first probe failed on every path (its helpers could not reach the member either): it now suspects it.</summary>
    private static (CoreState State, UniqueAddress Suspect, long At) Suspecting()
    {
        var round = StartedAt(Self).AtProbeRound();
        var ping = Assert.Single(round.Sent<Ping>()).Message;
        var target = ping.To;
        var asked = round.State.AtProbeDeadline(target);
        var nacked = asked.Sent<PingRequest>()
            .Select(r => Nodes.Single(n => n.Address == r.To))
            .Aggregate(asked.State, (s, helper) => s.Step(new ProbeReply(helper, target, ping.SequenceNr, Reached: false), now: asked.State.Lifeguard.Probes.Values.Single().NextDueAtMillis - 1).State);
        var failed = nacked.AtProbeDeadline(target);
        Assert.Single(failed.Effects<MemberSuspected>());
        return (failed.State, target, failed.State.Lifeguard.Targets[target].Suspicion!.StartedAtMillis);
    }

    private static long DueOf(CoreState state, UniqueAddress node) =>
        state.Lifeguard.Targets[node].Suspicion!.DueAtMillis(Settings.FailureDetector);

    private static bool Accuses(CoreState state, UniqueAddress node) => state.Gossip.Reachability.Status(state.Self, node) == ReachabilityStatus.Unreachable;

    [Fact]
    public void The_suspected_member_refutes_at_once_and_takes_it_as_a_sign_that_it_may_be_slow()
    {
        var member = StartedAt(Nodes[4]);

        var refuted = member.Step(new Suspect(Self, Nodes[4], 7, 1_000));

        Assert.Equal((Self.Address, new Refute(Nodes[4], Nodes[4], 7)), Assert.Single(refuted.Sent<Refute>()));
        Assert.Equal(1, refuted.State.Lifeguard.Health.Score);
    }

    [Fact]
    public void A_refutation_ends_the_suspicion_and_nothing_is_accused_when_it_would_have_fallen_due()
    {
        var (state, suspect, _) = Suspecting();
        var number = state.Lifeguard.Targets[suspect].Suspicion!.Number;
        var due = DueOf(state, suspect);

        var refuted = state.Step(new Refute(suspect, suspect, number), now: due - 100).State;

        Assert.Null(refuted.Lifeguard.Targets[suspect].Suspicion);
        Assert.False(Accuses(refuted.WakeAt(due + 1).State, suspect));
    }

    [Fact]
    public void An_unrefuted_suspicion_is_an_accusation_when_due_never_before_a_probe_went_unanswered_for_the_acceptable_pause()
    {
        var (state, suspect, _) = Suspecting();
        var due = DueOf(state, suspect);
        var unansweredSince = state.Lifeguard.Targets[suspect].Suspicion!.UnansweredSinceMillis;

        Assert.True(due >= unansweredSince + Pause);
        Assert.False(Accuses(state.WakeAt(due - 1).State, suspect));
        var accused = state.WakeAt(due);
        Assert.True(Accuses(accused.State, suspect));
        Assert.Equal(suspect, Assert.Single(accused.Effects<MarkedUnreachable>()).Member.UniqueAddress);
    }

    [Fact]
    public void Independent_confirmations_make_the_accusation_come_sooner()
    {
        var (state, suspect, at) = Suspecting();
        var alone = DueOf(state, suspect);
        var others = Nodes.Where(n => n != Self && n != suspect).Take(2).ToList();

        var confirmed = others.Aggregate(state, (s, other) => s.Step(new Suspect(other, suspect, 1, 0), now: at + 10).State);

        Assert.True(DueOf(confirmed, suspect) < alone);
    }

    [Fact]
    public void With_the_transports_evidence_the_accusation_comes_after_half_a_probe_timeout()
    {
        var state = StartedAt(Self);
        var evidence = state.Step(new TransportFailure(Nodes[3].Address), now: 5_000).State;
        var failed = evidence.AtProbeDeadline(Nodes[3]).State;

        Assert.Equal(failed.Lifeguard.Targets[Nodes[3]].Suspicion!.StartedAtMillis + (ProbeTimeout / 2), DueOf(failed, Nodes[3]));
    }

    [Fact]
    public void A_node_in_poor_health_defers_its_accusations_until_a_probe_succeeds_again()
    {
        var (state, suspect, _) = Suspecting();
        var due = DueOf(state, suspect);
        // Two points of poor health; the probes of others still out are answered (forgotten here).
        var unhealthy = state with { Lifeguard = state.Lifeguard with { Health = state.Lifeguard.Health.Apply(2), Probes = state.Lifeguard.Probes.Clear() } };

        var deferred = unhealthy.WakeAt(due).State;
        Assert.False(Accuses(deferred, suspect));

        // Every other member answers every probe from now on.
        var healthier = deferred;
        for (var round = 0; round < 4 && !healthier.Lifeguard.Health.IsHealthy; round++)
        {
            var at = healthier.Lifeguard.NextProbeAtMillis;
            healthier = healthier.WakeAt(at).State;
            foreach (var (sequenceNr, probe) in healthier.Lifeguard.Probes.Where(p => p.Value.Target != suspect))
            {
                healthier = healthier.Step(new ProbeReply(probe.Target, probe.Target, sequenceNr, Reached: true), now: at + 1).State;
            }
        }

        Assert.True(healthier.Lifeguard.Health.IsHealthy, $"score {healthier.Lifeguard.Health.Score}");
        Assert.True(Accuses(healthier, suspect), $"suspicion {healthier.Lifeguard.Targets[suspect].Suspicion}");
    }

    /// <summary>
    /// Found by the TestKit reachability test: with only two members every failed probe has no
    /// helper to nack it, so it costs health (memberlist's rule), the node soon counts as unhealthy
    /// and held its accusation until someone confirmed it, which no one could. The blackholed
    /// peer stayed reachable for good.
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_silent_member_is_accused_when_no_one_is_left_who_could_confirm_it_however_poor_this_nodes_health(int members)
    {
        var cluster = TestGossips.SeenByAll(Nodes.Take(members).Select((n, i) => TestMembers.Up(n, i + 1)).ToArray());
        var state = StartedAt(Self, cluster);

        // Nobody answers anything from now on: with three members, both others are silent.
        for (var step = 0; step < 1_000 && !Nodes.Skip(1).Take(members - 1).All(n => Accuses(state, n)); step++)
        {
            state = state.AtNextDeadline().State;
        }

        Assert.All(Nodes.Skip(1).Take(members - 1), n => Assert.True(Accuses(state, n), $"{n} not accused by {state.Time()} ms; health {state.Lifeguard.Health.Score}"));
        Assert.True(state.Time() < 60_000, $"accused only at {state.Time()} ms");
    }

    /// <summary>Self suspects, is in poor health when the suspicion falls due, and holds it back.</summary>
    private static (CoreState State, UniqueAddress Suspect, long Due) HeldBack()
    {
        var (state, suspect, _) = Suspecting();
        var due = DueOf(state, suspect);
        var unhealthy = state with { Lifeguard = state.Lifeguard with { Health = state.Lifeguard.Health.Apply(2), Probes = state.Lifeguard.Probes.Clear() } };
        var deferred = unhealthy.WakeAt(due).State;
        Assert.True(deferred.Lifeguard.Targets[suspect].Suspicion!.Deferred);
        Assert.False(Accuses(deferred, suspect));
        return (deferred, suspect, due);
    }

    private static CoreResult ConfirmedByOthers(CoreState state, UniqueAddress suspect, long at)
    {
        var needed = Math.Max(1, state.Lifeguard.Targets[suspect].Suspicion!.ExpectedConfirmations);
        var others = Nodes.Where(n => n != Self && n != suspect).Take(needed).ToList();
        var oneShort = others.SkipLast(1).Aggregate(state, (s, other) => s.Step(new Suspect(other, suspect, 1, 0), now: at).State);
        Assert.DoesNotContain(oneShort.Lifeguard.Probes.Values, p => p.Target == suspect);
        return oneShort.Step(new Suspect(others[^1], suspect, 1, 0), now: at + 1);
    }

    [Fact]
    public void A_node_in_poor_health_accuses_what_others_confirm_once_a_fresh_probe_fails_too()
    {
        var (deferred, suspect, due) = HeldBack();

        var confirmed = ConfirmedByOthers(deferred, suspect, due + 10);
        Assert.Contains(confirmed.Sent<Ping>(), s => s.Message.To == suspect);
        Assert.NotEmpty(confirmed.Sent<PingRequest>()); // Directly and through helpers at once.
        Assert.False(Accuses(confirmed.State, suspect));

        var failed = confirmed.State.AtProbeDeadline(suspect);
        Assert.False(failed.State.Lifeguard.Health.IsHealthy);
        Assert.True(Accuses(failed.State, suspect));
        Assert.Equal(suspect, Assert.Single(failed.Effects<MarkedUnreachable>()).Member.UniqueAddress);
    }

    [Fact]
    public void Stale_confirmations_do_not_make_a_node_in_poor_health_accuse_a_member_that_answers()
    {
        var (deferred, suspect, due) = HeldBack();
        var confirmed = ConfirmedByOthers(deferred, suspect, due + 10);
        var (sequenceNr, _) = confirmed.State.Lifeguard.Probes.Single(p => p.Value.Target == suspect);

        var answered = confirmed.State.Step(new ProbeReply(suspect, suspect, sequenceNr, Reached: true), now: due + 20).State;

        Assert.Null(answered.Lifeguard.Targets[suspect].Suspicion);
        Assert.False(Accuses(answered.AtNextDeadline().State, suspect));
    }

    [Fact]
    public void Anything_heard_from_an_accused_member_marks_it_reachable_again_and_its_gossip_is_taken()
    {
        var (state, suspect, _) = Suspecting();
        var accused = state.WakeAt(DueOf(state, suspect)).State;
        var newer = Cluster.Increment(suspect);

        var heard = accused.Step(GossipFrom(suspect, Self, newer), now: accused.Time() + 100);

        Assert.False(Accuses(heard.State, suspect));
        Assert.Equal(suspect, Assert.Single(heard.Effects<MarkedReachable>()).Member.UniqueAddress);
        Assert.Empty(heard.Drops());
    }

    [Fact]
    public void Another_monitor_told_of_a_suspicion_checks_the_member_and_vouches_for_it_when_it_answers()
    {
        var monitor = StartedAt(Nodes[2]).Step(new Suspect(Self, Nodes[5], 7, 1_000), now: 2_000);
        var ping = Assert.Single(monitor.Sent<Ping>()).Message;
        Assert.NotEmpty(monitor.Sent<PingRequest>()); // Directly and through helpers at once.

        var answered = monitor.Then(new ProbeReply(Nodes[5], Nodes[5], ping.SequenceNr, Reached: true), now: 2_002);

        Assert.Equal((Self.Address, new Refute(Nodes[2], Nodes[5], 7)), Assert.Single(answered.Sent<Refute>()));
    }

    [Fact]
    public void Another_monitor_that_cannot_reach_the_member_either_suspects_it_too_which_confirms_the_first()
    {
        var monitor = StartedAt(Nodes[2]).Step(new Suspect(Self, Nodes[5], 7, 1_000), now: 2_000).State;

        var failed = monitor.AtProbeDeadline(Nodes[5]);

        Assert.Contains(failed.Sent<Suspect>(), s => s.To == Self.Address && s.Message.Accuser == Nodes[2]);
        Assert.Contains(Self, failed.State.Lifeguard.Targets[Nodes[5]].Suspicion!.Confirmers);
    }

    /// <summary>Self hears nothing from anyone: it steps through its own deadlines until <paramref name="done"/> or 60 s.</summary>
    private static (CoreState State, List<CoreResult> Steps) Silence(CoreState state, Func<CoreState, bool> done)
    {
        var steps = new List<CoreResult>();
        while (!done(state) && state.Time() < 60_000)
        {
            var next = state.AtNextDeadline();
            steps.Add(next);
            state = next.State;
        }

        return (state, steps);
    }

    private static UniqueAddress[] Watched(CoreState state) => [.. state.Lifeguard.Targets.Where(t => t.Value.IsMonitored).Select(t => t.Key)];

    /// <summary>
    /// A node cut off from everyone (defect found with real processes: four nodes, one blackholed)
    /// used to hold every accusation for poor health while members it did not watch could still
    /// "confirm"; it probed one member every several seconds and its accusations trickled in, or,
    /// with eight members, never came. Now two probes failing on every path with nothing heard from
    /// anyone make it cut off: it probes every member it watches at once and accuses what fails.
    /// </summary>
    [Fact]
    public void A_node_that_hears_from_no_one_while_two_probes_fail_is_cut_off_probes_all_it_watches_at_once_and_accuses_them()
    {
        var (cutOff, steps) = Silence(StartedAt(Self), s => s.Lifeguard.IsCutOff);
        Assert.True(cutOff.Lifeguard.IsCutOff, $"not cut off by {cutOff.Time()} ms");
        Assert.False(cutOff.Lifeguard.Health.IsHealthy);
        var watched = Watched(cutOff);
        Assert.True(watched.Length >= 3, "self watches several members");
        var probedAtOnce = steps[^1].Sent<Ping>().Select(p => p.Message.To).ToHashSet();
        Assert.NotEmpty(probedAtOnce);
        Assert.All(watched, n => Assert.True(
            probedAtOnce.Contains(n) || cutOff.Lifeguard.IsProbing(n) || cutOff.Lifeguard.Targets[n].Suspicion is not null,
            $"{n} neither probed nor suspected"));
        Assert.NotEmpty(steps[^1].Sent<PingRequest>()); // Through helpers too.

        var (accused, _) = Silence(cutOff, s => watched.All(n => Accuses(s, n)));

        Assert.All(watched, n => Assert.True(Accuses(accused, n), $"{n} not accused by {accused.Time()} ms"));
        Assert.True(accused.Time() - cutOff.Time() <= 15_000, $"accused over {accused.Time() - cutOff.Time()} ms after it was cut off");
        Assert.Equal(watched.Order(), accused.Lifeguard.AccusedWhileCutOff.Order());
    }

    [Fact]
    public void A_node_that_hears_something_between_its_failed_probes_is_not_cut_off()
    {
        var (state, suspect, at) = Suspecting();
        var heard = state.Step(GossipFrom(Nodes[7], Self, Cluster), now: at + 1).State;

        var (later, _) = Silence(heard, s => s.Lifeguard.Targets.Count(t => t.Value.Suspicion is not null) >= 2);

        Assert.True(later.Lifeguard.Targets.Count(t => t.Value.Suspicion is not null) >= 2, "a second probe failed");
        Assert.False(later.Lifeguard.IsCutOff);
        Assert.DoesNotContain(suspect, later.Lifeguard.FailedWhileSilent);
    }

    [Fact]
    public void A_node_that_hears_again_after_a_cut_takes_back_what_it_accused_meanwhile_and_probes_those_members_at_once()
    {
        var (cutOff, _) = Silence(StartedAt(Self), s => s.Lifeguard.IsCutOff);
        var watched = Watched(cutOff);
        var (accused, _) = Silence(cutOff, s => watched.All(n => Accuses(s, n)));
        var speaker = watched[0];

        var heard = accused.Step(GossipFrom(speaker, Self, Cluster), now: accused.Time() + 10);

        Assert.False(heard.State.Lifeguard.IsCutOff);
        Assert.All(watched, n => Assert.False(Accuses(heard.State, n), $"{n} still accused"));
        Assert.Equal(watched.Order(), heard.Effects<MarkedReachable>().Select(m => m.Member.UniqueAddress).Order());
        var pinged = heard.Sent<Ping>().Select(p => p.Message.To).ToHashSet();
        Assert.All(watched.Skip(1), n => Assert.True(pinged.Contains(n) || accused.Lifeguard.IsProbing(n), $"{n} not probed again"));
        Assert.Empty(heard.State.Lifeguard.AccusedWhileCutOff);

        // A member that is really gone is accused again: its fresh probe fails, now with helpers that answer.
        var gone = watched[1];
        var (again, _) = Silence(heard.State, s => Accuses(s, gone));
        Assert.True(Accuses(again, gone));
    }

    [Fact]
    public void An_accused_member_is_pinged_again_every_probe_round_without_penalty_and_its_answer_clears_the_accusation()
    {
        var (state, suspect, _) = Suspecting();
        var accused = state.WakeAt(DueOf(state, suspect)).State;
        Assert.True(Accuses(accused, suspect));

        var round = accused.AtProbeRound();
        var recheck = Assert.Single(round.Sent<Ping>(), p => p.Message.To == suspect).Message;
        Assert.False(recheck.Suspected);
        var unanswered = round.State.AtProbeRound();
        Assert.Contains(unanswered.Sent<Ping>(), p => p.Message.To == suspect);
        Assert.Equal(round.State.Lifeguard.Health.Score, unanswered.State.Lifeguard.Health.Score);

        var answered = unanswered.Then(new ProbeReply(suspect, suspect, recheck.SequenceNr, Reached: true), now: unanswered.State.Time());

        Assert.False(Accuses(answered.State, suspect));
        Assert.Equal(suspect, Assert.Single(answered.Effects<MarkedReachable>()).Member.UniqueAddress);
        Assert.Empty(answered.Effects<InputDropped>());
    }
}
