using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class JoinProtocolTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");
    private static readonly UniqueAddress C = Node("c");

    [Fact]
    public void Joining_self_forms_a_new_cluster_and_the_first_node_goes_up_at_once()
    {
        var joined = Fresh(A).Step(new JoinCommand(A.Address));

        Assert.Equal(CorePhase.Initialized, joined.State.Phase);
        Assert.Equal(MemberStatus.Joining, joined.State.SelfMember.Status);
        var proposal = Assert.Single(joined.Effects<LeaderTransitionsProposed>());
        Assert.Equal(new MemberTransition(joined.State.SelfMember, MemberStatus.Joining, MemberStatus.Up), Assert.Single(proposal.Transitions));

        var up = joined.ApproveAll();
        Assert.Equal(MemberStatus.Up, up.State.SelfMember.Status);
        Assert.Equal(1, up.State.SelfMember.UpNumber);
    }

    [Fact]
    public void Joining_another_node_sends_join_to_it_and_waits_for_a_welcome()
    {
        var joining = Fresh(B, roles: "backend").Step(new JoinCommand(A.Address));

        Assert.Equal(CorePhase.Joining, joining.State.Phase);
        var (to, join) = Assert.Single(joining.Sent<Join>());
        Assert.Equal(A.Address, to);
        Assert.Equal(B, join.Node);
        Assert.Equal(["backend"], join.Roles);
    }

    [Fact]
    public void A_node_joins_only_once()
    {
        var joined = Fresh(A).Step(new JoinCommand(A.Address));

        Assert.Equal([DropReason.AlreadyJoined], joined.Then(new JoinCommand(B.Address)).Drops());
    }

    [Fact]
    public void Joining_a_node_of_another_cluster_is_refused()
    {
        var foreign = new Akka.Actor.Address("akka.tcp", "other", "a", 2552);

        var result = Fresh(B).Step(new JoinCommand(foreign));

        Assert.Equal([DropReason.ForeignCluster], result.Drops());
        Assert.Equal(CorePhase.Uninitialized, result.State.Phase);
    }

    [Fact]
    public void The_first_seed_asks_the_other_seeds_and_forms_a_cluster_when_all_say_no()
    {
        var asking = Fresh(A).Step(new JoinSeedNodesCommand(Seeds(A, B, C)));
        Assert.Equal([B.Address, C.Address], asking.Sent<InitJoin>().Select(s => s.To));

        var oneNack = asking.Then(new InitJoinNack(B.Address));
        Assert.Equal(CorePhase.Joining, oneNack.State.Phase);

        var allNacked = oneNack.Then(new InitJoinNack(C.Address));
        Assert.Equal(CorePhase.Initialized, allNacked.State.Phase);
    }

    [Fact]
    public void The_first_seed_forms_a_cluster_after_the_seed_node_timeout_if_nobody_answers()
    {
        var asking = Fresh(A).Step(new JoinSeedNodesCommand(Seeds(A, B)), now: 0);
        var timeout = (long)Settings.SeedNodeTimeout.TotalMilliseconds;

        Assert.Equal(CorePhase.Joining, asking.Then(WakeUp.Instance, now: timeout - 1).State.Phase);
        Assert.Equal(CorePhase.Initialized, asking.Then(WakeUp.Instance, now: timeout).State.Phase);
    }

    [Fact]
    public void Other_seeds_never_form_a_cluster_and_ask_again_soon_after_a_nack()
    {
        var asking = Fresh(B).Step(new JoinSeedNodesCommand(Seeds(A, B)), now: 0);
        var nacked = asking.Then(new InitJoinNack(A.Address), now: 10);

        var wakeUp = Assert.Single(nacked.Effects<ScheduleWakeUp>());
        Assert.Equal(10 + JoinProtocol.InitJoinRetryAfterNackMillis, wakeUp.AtMillis);
        var retried = nacked.Then(WakeUp.Instance, now: wakeUp.AtMillis);
        Assert.Single(retried.Sent<InitJoin>());
        Assert.Equal(CorePhase.Joining, retried.Then(WakeUp.Instance, now: 60_000).State.Phase);
    }

    [Fact]
    public void The_first_acknowledging_seed_becomes_the_contact()
    {
        var asking = Fresh(C).Step(new JoinSeedNodesCommand(Seeds(A, B)));

        var acked = asking.Then(new InitJoinAck(B.Address));
        Assert.Equal(B.Address, Assert.Single(acked.Sent<Join>()).To);
        Assert.Empty(acked.Then(new InitJoinAck(A.Address)).Sent<Join>());
    }

    [Fact]
    public void Only_an_initialized_available_member_acknowledges_init_join()
    {
        Assert.Single(Fresh(A).Step(new InitJoin(B.Address)).Sent<InitJoinNack>());
        var member = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A)));
        Assert.Single(member.Step(new InitJoin(B.Address)).Sent<InitJoinAck>());
        var down = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A).WithStatus(MemberStatus.Down)));
        Assert.Single(down.Step(new InitJoin(B.Address)).Sent<InitJoinNack>());
    }

    [Fact]
    public void A_leaving_seed_answers_init_join_with_no_since_it_would_refuse_the_join()
    {
        var leaving = Holding(A, TestGossips.SeenByAll(TestMembers.Leaving("a"), TestMembers.Up(C, 2)));

        Assert.Single(leaving.Step(new InitJoin(B.Address)).Sent<InitJoinNack>());
        Assert.Equal([DropReason.SelfNotAvailable], leaving.Step(new Join(B, [], CoreSettings.Default.Compatibility)).Drops());
    }

    [Fact]
    public void The_contact_admits_the_joiner_as_joining_and_welcomes_it_with_the_new_gossip()
    {
        var contact = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A)));

        var admitted = contact.Step(new Join(B, ["backend"], CoreSettings.Default.Compatibility));

        var joiner = admitted.State.Gossip.GetMember(B);
        Assert.Equal(MemberStatus.Joining, joiner.Status);
        Assert.True(joiner.HasRole("backend"));
        var (to, welcome) = Assert.Single(admitted.Sent<Welcome>());
        Assert.Equal(B.Address, to);
        Assert.Same(admitted.State.Gossip, welcome.Gossip);
        Assert.True(admitted.State.Gossip.Version.IsAfter(contact.Gossip.Version));
    }

    [Fact]
    public void A_retried_join_gets_the_welcome_again_without_a_new_version()
    {
        var admitted = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A))).Step(new Join(B, [], CoreSettings.Default.Compatibility));

        var retried = admitted.Then(new Join(B, [], CoreSettings.Default.Compatibility));

        Assert.Single(retried.Sent<Welcome>());
        Assert.Same(admitted.State.Gossip, retried.State.Gossip);
    }

    [Fact]
    public void A_new_incarnation_replaces_the_old_one_in_one_step()
    {
        var oldB = Node("b", uid: 1);
        var newB = Node("b", uid: 2);
        var contact = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A), TestMembers.Up(oldB, 2)));

        var replaced = contact.Step(new Join(newB, [], CoreSettings.Default.Compatibility));

        Assert.False(replaced.State.Gossip.HasMember(oldB));
        Assert.True(replaced.State.Gossip.Tombstones.ContainsKey(oldB));
        Assert.Equal(MemberStatus.Joining, replaced.State.Gossip.GetMember(newB).Status);
        Assert.Single(replaced.Sent<Welcome>());
        Assert.Single(replaced.Effects<IncarnationReplaced>());
    }

    [Fact]
    public void A_removed_incarnation_cannot_join_again()
    {
        var contact = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A), TestMembers.Up(B, 2)).Remove(B, 1));

        Assert.Equal([DropReason.RemovedIncarnation], contact.Step(new Join(B, [], CoreSettings.Default.Compatibility)).Drops());
    }

    [Fact]
    public void A_leaving_or_down_contact_refuses_joins()
    {
        var leaving = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A).WithStatus(MemberStatus.Leaving)));

        Assert.Equal([DropReason.SelfNotAvailable], leaving.Step(new Join(B, [], CoreSettings.Default.Compatibility)).Drops());
    }

    [Fact]
    public void A_joiner_with_conflicting_settings_is_refused_told_why_and_not_admitted()
    {
        var contact = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A)));
        var keepOldest = Settings with { Downing = Settings.Downing with { Strategy = DowningStrategy.KeepOldest } };

        var refused = contact.Step(new Join(B, [], keepOldest.Compatibility));

        var (to, refusal) = Assert.Single(refused.Sent<JoinRefused>());
        Assert.Equal(B.Address, to);
        Assert.Equal(["downing.strategy: joiner keep-oldest, cluster keep-majority"], refusal.Conflicts);
        var dropped = Assert.Single(refused.Effects<InputDropped>());
        Assert.Equal((DropReason.IncompatibleSettings, B), (dropped.Reason, dropped.Node));
        Assert.Contains("keep-oldest", dropped.Detail, StringComparison.Ordinal);
        Assert.Same(contact.Gossip, refused.State.Gossip);
        Assert.Empty(refused.Sent<Welcome>());
    }

    [Fact]
    public void With_enforce_on_join_off_a_conflicting_joiner_is_admitted_with_a_warning()
    {
        var contact = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A)), Settings with { EnforceCompatibilityOnJoin = false });
        var phi = PhiSettings.Compatibility;

        var admitted = contact.Step(new Join(B, [], phi));

        Assert.True(admitted.State.Gossip.HasMember(B));
        Assert.Single(admitted.Sent<Welcome>());
        Assert.Equal(B, Assert.Single(admitted.Effects<IncompatibleJoinerAdmitted>()).Joiner);
    }

    [Fact]
    public void A_refused_joiner_stops_asking_and_ends_its_membership()
    {
        var joining = Fresh(B).Step(new JoinCommand(A.Address));

        var refused = joining.Then(new JoinRefused(A, ["downing.strategy: joiner keep-oldest, cluster keep-majority"]));

        Assert.Equal(CorePhase.Terminated, refused.State.Phase);
        Assert.Null(refused.State.Join);
        Assert.Equal(ShutdownReason.JoinRefused, Assert.Single(refused.Effects<ShutdownRequested>()).Reason);
        Assert.Equal(A, Assert.Single(refused.Effects<JoinRefusedByCluster>()).By);
        Assert.Empty(refused.State.WakeAt(10_000).Sent<Join>());
    }

    [Fact]
    public void A_refusal_from_a_node_this_node_is_not_joining_through_changes_nothing()
    {
        var joining = Fresh(B).Step(new JoinCommand(A.Address));
        var member = Holding(B, TestGossips.SeenByAll(TestMembers.Up(A), TestMembers.Up(B, 2)));

        var forged = joining.Then(new JoinRefused(C, ["protocol-version: joiner 1, cluster 2"]));
        var late = member.Step(new JoinRefused(A, ["protocol-version: joiner 1, cluster 2"]));

        Assert.Equal([DropReason.UnexpectedRefusal], forged.Drops());
        Assert.Equal(CorePhase.Joining, forged.State.Phase);
        Assert.Equal([DropReason.UnexpectedRefusal], late.Drops());
        Assert.Equal(CorePhase.Initialized, late.State.Phase);
        Assert.Empty(forged.Effects<ShutdownRequested>().Concat(late.Effects<ShutdownRequested>()));
    }

    [Fact]
    public void The_joiner_adopts_the_welcome_marks_it_seen_and_tells_the_contact()
    {
        var joining = Fresh(B).Step(new JoinCommand(A.Address));
        var welcomeGossip = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A))).Step(new Join(B, [], CoreSettings.Default.Compatibility)).State.Gossip;

        var welcomed = joining.Then(new Welcome(A, welcomeGossip));

        Assert.Equal(CorePhase.Initialized, welcomed.State.Phase);
        Assert.True(welcomed.State.Gossip.HasSeen(B));
        // As the delta from the welcome, which the contact holds: only that B has seen it.
        Assert.Contains(welcomed.SentGossips(welcomeGossip), s => s.To == A.Address && s.Gossip.IsSameStateAs(welcomed.State.Gossip));
        Assert.Empty(welcomed.Sent<GossipEnvelope>());
    }

    [Fact]
    public void The_joiner_does_not_push_the_welcome_on_its_welcomer_spreads_it()
    {
        var (c, d) = (Node("c"), Node("d"));
        var joining = Fresh(B).Step(new JoinCommand(A.Address));
        var cluster = TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Up(c, 2), TestMembers.Up(d, 3));
        var welcomeGossip = Holding(A, cluster).Step(new Join(B, [], CoreSettings.Default.Compatibility)).State.Gossip;

        var welcomed = joining.Then(new Welcome(A, welcomeGossip));

        Assert.Equal(CorePhase.Initialized, welcomed.State.Phase);
        Assert.All(welcomed.Effects<Send>(), s => Assert.Equal(A.Address, s.To));
        Assert.False(welcomed.State.Push.PushPending);
    }

    [Fact]
    public void A_joiner_is_sent_the_delta_from_the_version_that_admitted_it_not_the_whole_gossip()
    {
        var c = Node("c");
        var admitted = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A, 1), TestMembers.Up(c, 2))).Step(new Join(B, [], CoreSettings.Default.Compatibility));

        Assert.Same(admitted.State.Gossip, DeltaBasis.Likely(admitted.State.Membership, B));
        Assert.Null(DeltaBasis.Likely(admitted.State.Membership, Node("stranger")));
    }

    [Fact]
    public void A_welcome_from_a_node_not_asked_is_ignored()
    {
        var joining = Fresh(B).Step(new JoinCommand(A.Address));
        var gossip = TestGossips.Of(TestMembers.Up(C), TestMembers.Joining(B));

        var result = joining.Then(new Welcome(C, gossip));

        Assert.Equal([DropReason.UnexpectedWelcome], result.Drops());
        Assert.Equal(CorePhase.Joining, result.State.Phase);
    }

    [Fact]
    public void Join_is_resent_every_interval_and_the_join_restarts_after_the_retry_deadline()
    {
        var joining = Fresh(B).Step(new JoinCommand(A.Address), now: 0);
        var resend = JoinProtocol.JoinResendIntervalMillis;
        var retry = (long)Settings.RetryUnsuccessfulJoinAfter!.Value.TotalMilliseconds;

        Assert.Empty(joining.Then(WakeUp.Instance, now: resend - 1).Sent<Join>());
        Assert.Single(joining.Then(WakeUp.Instance, now: resend).Sent<Join>());
        var restarted = joining.Then(WakeUp.Instance, now: retry);
        Assert.Single(restarted.Sent<Join>());
        Assert.Single(restarted.Effects<JoinRetried>());
    }

    [Fact]
    public void A_node_that_was_asked_before_it_was_a_member_acknowledges_the_asker_once_it_is()
    {
        var asked = Fresh(A).Step(new InitJoin(C.Address));
        Assert.Single(asked.Sent<InitJoinNack>());

        var formed = asked.Then(new JoinCommand(A.Address));

        var (to, _) = Assert.Single(formed.Sent<InitJoinAck>());
        Assert.Equal(C.Address, to);
        Assert.Empty(formed.State.EarlyAskers);
    }
}
