using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class HeartbeatingTests
{
    private static readonly UniqueAddress[] Nodes = Enumerable.Range(1, 8).Select(i => Node($"h{i}", uid: i)).ToArray();
    private static readonly Gossip Cluster = TestGossips.SeenByAll(Nodes.Select((n, i) => TestMembers.Up(n, i + 1)).ToArray());
    private static readonly long Interval = (long)Settings.FailureDetector.HeartbeatInterval.TotalMilliseconds;
    private static readonly long ExpectedResponseAfter = (long)Settings.FailureDetector.ExpectedResponseAfter.TotalMilliseconds;

    /// <summary>h1 started at 0, with its monitored set following the ring.</summary>
    private static CoreState Started() => Holding(Nodes[0], Cluster, PhiSettings).Step(AkkaConvergence.Protocol.Started.Instance, now: 0).State;

    private static CoreResult AtHeartbeatRound(CoreState state, long now) =>
        (state with { Heartbeats = state.Heartbeats with { HeartbeatAtMillis = now } }).Step(WakeUp.Instance, now);

    [Fact]
    public void A_started_member_monitors_the_next_k_members_on_the_ring()
    {
        Assert.Equal(Nodes.Skip(1).Take(5), Started().Heartbeats.Monitored.Keys);
    }

    [Fact]
    public void A_round_sends_one_heartbeat_to_each_monitored_member_and_the_next_comes_an_interval_later()
    {
        var round = AtHeartbeatRound(Started(), 5_000);

        Assert.Equal(Nodes.Skip(1).Take(5).Select(n => n.Address), round.Sent<Heartbeat>().Select(s => s.To));
        Assert.Single(round.Sent<Heartbeat>().Select(s => s.Message.SequenceNr).Distinct());
        Assert.Equal(5_000 + Interval, round.State.Heartbeats.HeartbeatAtMillis);
        Assert.Contains(round.Effects<ScheduleWakeUp>(), w => w.AtMillis <= 5_000 + Interval);
    }

    [Fact]
    public void Every_heartbeat_is_answered_with_its_sequence_number_whoever_sends_it()
    {
        var stranger = Node("stranger");

        var answer = Fresh(Nodes[0]).Step(new Heartbeat(stranger.Address, 42, 7));

        var (to, response) = Assert.Single(answer.Sent<HeartbeatResponse>());
        Assert.Equal(stranger.Address, to);
        Assert.Equal((Nodes[0], 42L, 7L), (response.From, response.SequenceNr, response.CreationTimeMillis));
    }

    [Fact]
    public void Answers_feed_the_detector_of_a_monitored_member_and_others_are_dropped_as_stale()
    {
        var state = AtHeartbeatRound(Started(), 5_000).State;

        var answered = state.Step(new HeartbeatResponse(Nodes[1], 1, 5_000), now: 5_001);
        var stranger = state.Step(new HeartbeatResponse(Nodes[7], 1, 5_000), now: 5_001);

        Assert.NotNull(answered.State.Heartbeats.Monitored[Nodes[1]].Detector);
        Assert.Equal([DropReason.Stale], stranger.Drops());
    }

    [Fact]
    public void A_member_that_never_answers_starts_its_detector_after_expected_response_after_and_is_then_detected()
    {
        var sent = AtHeartbeatRound(Started(), 5_000).State;
        Assert.Equal(5_000 + ExpectedResponseAfter, sent.Heartbeats.Monitored[Nodes[1]].FirstAnswerDueAtMillis);

        var expected = sent.Step(WakeUp.Instance, now: 5_000 + ExpectedResponseAfter).State;
        Assert.NotNull(expected.Heartbeats.Monitored[Nodes[1]].Detector);

        var reaped = expected.AtReap(5_000 + ExpectedResponseAfter + 10_000);
        Assert.Contains(reaped.Effects<MarkedUnreachable>(), m => m.Member.UniqueAddress == Nodes[1]);
    }

    [Fact]
    public void A_round_that_runs_late_is_reported_and_the_next_one_is_an_interval_from_now_not_a_burst()
    {
        var state = Started() with { Heartbeats = Started().Heartbeats with { HeartbeatAtMillis = 5_000 } };

        var late = state.Step(WakeUp.Instance, now: 5_000 + (3 * Interval));

        var delayed = Assert.Single(late.Effects<TimerDelayed>());
        Assert.Equal(3 * Interval, delayed.LateMillis);
        Assert.Equal(5_000 + (4 * Interval), late.State.Heartbeats.HeartbeatAtMillis);
        Assert.Equal(5, late.Sent<Heartbeat>().Count());
    }

    [Fact]
    public void A_new_incarnation_on_a_monitored_address_is_monitored_with_a_fresh_detector()
    {
        var state = Started().Monitoring(5_000, available: Nodes.Skip(1).Take(5), unavailable: []);
        var restarted = Node("h2", uid: 99);
        var replaced = Cluster.Remove(Nodes[1], 0).Update(TestMembers.Joining(restarted)).Increment(Nodes[0]);

        var after = state.Step(GossipFrom(Nodes[2], Nodes[0], replaced), now: 6_000).State;

        Assert.False(after.Heartbeats.Monitored.ContainsKey(Nodes[1]));
        Assert.DoesNotContain(after.Heartbeats.Monitored, p => p.Key == restarted && p.Value.Detector is not null);
    }
}
