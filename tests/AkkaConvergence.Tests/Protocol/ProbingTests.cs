using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.Protocol.LifeguardHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class ProbingTests
{
    private static readonly UniqueAddress Self = Nodes[0];

    /// <summary>The first probe of <see cref="Self"/>: the round's result and the member probed.</summary>
    private static (CoreResult Round, Ping Ping) FirstProbe()
    {
        var round = StartedAt(Self).AtProbeRound();
        return (round, Assert.Single(round.Sent<Ping>()).Message);
    }

    [Fact]
    public void Each_round_probes_one_monitored_member_and_one_pass_probes_every_one_of_them_once()
    {
        var state = StartedAt(Self);
        var probed = new List<UniqueAddress>();
        for (var round = 0; round < 5; round++)
        {
            var result = state.AtProbeRound();
            var ping = Assert.Single(result.Sent<Ping>()).Message;
            probed.Add(ping.To);
            state = result.Then(new ProbeReply(ping.To, ping.To, ping.SequenceNr, Reached: true), now: result.State.Time()).State;
        }

        Assert.Equal(state.Lifeguard.Targets.Where(t => t.Value.IsMonitored).Select(t => t.Key).Order(), probed.Order());
    }

    [Fact]
    public void Without_a_direct_ack_in_the_probe_timeout_helpers_are_asked_to_probe_the_target()
    {
        var (round, ping) = FirstProbe();

        var timedOut = round.State.WakeAt(round.State.Lifeguard.Probes.Single().Value.AckDueAtMillis);

        var requests = timedOut.Sent<PingRequest>().ToList();
        Assert.Equal(Settings.FailureDetector.Lifeguard.IndirectChecks, requests.Count);
        Assert.All(requests, r => Assert.Equal(ping.To, r.Message.Target));
        Assert.DoesNotContain(requests, r => r.To == ping.To.Address || r.To == Self.Address);
    }

    [Fact]
    public void An_indirect_ack_means_the_target_is_fine_no_suspicion()
    {
        var (round, ping) = FirstProbe();
        var due = round.State.Lifeguard.Probes.Single().Value.AckDueAtMillis;
        var asked = round.State.WakeAt(due).State;
        var helper = Nodes.First(n => n != Self && n != ping.To);

        var acked = asked.Step(new ProbeReply(helper, ping.To, ping.SequenceNr, Reached: true), now: due + 10);

        Assert.Empty(acked.State.Lifeguard.Probes);
        Assert.Null(acked.State.Lifeguard.Targets[ping.To].Suspicion);
    }

    [Fact]
    public void Without_any_ack_the_target_is_suspected_and_told_so_as_are_its_other_monitors()
    {
        var (round, ping) = FirstProbe();
        var asked = round.State.AtProbeDeadline(ping.To).State;

        var failed = asked.AtProbeDeadline(ping.To);

        Assert.Equal(ping.To, Assert.Single(failed.Effects<MemberSuspected>()).Member.UniqueAddress);
        var told = failed.Sent<Suspect>().Select(s => s.To).ToList();
        Assert.Contains(ping.To.Address, told);
        Assert.True(told.Count > 1, "the subject's other monitors are told too");
        Assert.NotNull(failed.State.Lifeguard.Targets[ping.To].Suspicion);
    }

    [Fact]
    public void Missing_nacks_count_against_this_nodes_health_nacks_from_every_helper_do_not()
    {
        var (round, ping) = FirstProbe();
        var asked = round.State.AtProbeDeadline(ping.To);
        var helpers = asked.Sent<PingRequest>().Select(r => Nodes.Single(n => n.Address == r.To)).ToList();
        var answerTime = round.State.Lifeguard.Probes.Single().Value.AckDueAtMillis + 10;

        var silentHelpers = asked.State.AtProbeDeadline(ping.To).State;
        var nacked = helpers.Aggregate(asked.State, (state, helper) => state.Step(new ProbeReply(helper, ping.To, ping.SequenceNr, Reached: false), now: answerTime).State).AtProbeDeadline(ping.To).State;

        Assert.Equal(helpers.Count, silentHelpers.Lifeguard.Health.Score);
        Assert.Equal(0, nacked.Lifeguard.Health.Score);
    }

    [Fact]
    public void A_probe_is_answered_by_the_incarnation_it_is_for_and_by_no_other()
    {
        var state = StartedAt(Self);

        var answered = state.Step(new Ping(Nodes[1], Self, 42, Suspected: false));
        var otherIncarnation = state.Step(new Ping(Nodes[1], Node("n1", uid: 99), 42, Suspected: false));

        var (to, reply) = Assert.Single(answered.Sent<ProbeReply>());
        Assert.Equal((Nodes[1].Address, Self, 42L, true), (to, reply.Subject, reply.SequenceNr, reply.Reached));
        Assert.Equal([DropReason.WrongIncarnation], otherIncarnation.Drops());
    }

    [Fact]
    public void A_helper_relays_the_targets_ack_or_sends_a_nack_when_it_stays_silent()
    {
        var helper = StartedAt(Self);
        var asked = helper.Step(new PingRequest(Nodes[1], Nodes[2], 7), now: 100);
        var ping = Assert.Single(asked.Sent<Ping>()).Message;

        var relayed = asked.Then(new ProbeReply(Nodes[2], Nodes[2], ping.SequenceNr, Reached: true), now: 110);
        var nacked = asked.State.WakeAt(100 + ProbeTimeout);

        Assert.Equal((Nodes[1].Address, new ProbeReply(Self, Nodes[2], 7, true)), Assert.Single(relayed.Sent<ProbeReply>()));
        Assert.Equal((Nodes[1].Address, new ProbeReply(Self, Nodes[2], 7, false)), Assert.Single(nacked.Sent<ProbeReply>()));
    }

    [Fact]
    public void A_wake_up_that_comes_late_judges_no_one_and_counts_against_this_nodes_health()
    {
        var (round, ping) = FirstProbe();
        var due = round.State.Lifeguard.Probes.Single().Value.AckDueAtMillis;

        var late = round.State.Step(WakeUp.Instance, now: due + (3 * ProbeTimeout));

        Assert.Empty(late.Sent<PingRequest>()); // The ack may be waiting in the mailbox behind this wake-up.
        Assert.Contains(late.State.Lifeguard.Probes.Values, p => p.Target == ping.To && p.IndirectDueAtMillis is null);
        Assert.Empty(late.Effects<MemberSuspected>());
        Assert.Single(late.Effects<TimerDelayed>());
        Assert.True(late.State.Lifeguard.Health.Score > 0);
    }

    [Fact]
    public void A_lost_connection_probes_the_member_at_once_directly_and_through_helpers()
    {
        var state = StartedAt(Self);

        var evidence = state.Step(new TransportFailure(Nodes[3].Address), now: 200);

        Assert.Equal(Nodes[3], Assert.Single(evidence.Sent<Ping>()).Message.To);
        Assert.Equal(Settings.FailureDetector.Lifeguard.IndirectChecks, evidence.Sent<PingRequest>().Count());
        Assert.True(Assert.Single(evidence.State.Lifeguard.Probes).Value.TransportEvidence);
    }

    [Fact]
    public void A_lost_connection_to_a_member_outside_this_nodes_ring_is_left_to_its_monitors()
    {
        var state = StartedAt(Self);
        var outsider = Nodes.Skip(1).First(n => !state.Lifeguard.Targets.ContainsKey(n));

        var evidence = state.Step(new TransportFailure(outsider.Address), now: 200);

        Assert.Empty(evidence.Sent<Ping>());
        Assert.Empty(evidence.Sent<PingRequest>());
        Assert.Empty(evidence.State.Lifeguard.Probes);
    }
}
