using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

public class CoreDriverTests
{
    private static readonly UniqueAddress A = Node("a");
    private static readonly UniqueAddress B = Node("b");

    private static CoreDriver Driver(CoreState state, RecordingShell shell, Func<long> now, List<ICoreInput>? stepped = null) =>
        new(state, shell, () => At(now()), new Random(1), (_, _, input) => stepped?.Add(input));

    [Fact]
    public void Approved_leader_transitions_are_stepped_after_the_current_steps_effects_so_older_versions_go_out_first()
    {
        var shell = new RecordingShell();
        var stepped = new List<ICoreInput>();
        var leader = Holding(A, TestGossips.SeenByAll(TestMembers.Up(A)));
        var driver = Driver(leader, shell, () => 1_000, stepped);

        driver.Feed(new Join(B, [], CoreSettings.Default.Compatibility));

        // The join makes version 1 (B Joining); the leader at once moves B Up: version 2.
        Assert.Equal([typeof(Join), typeof(ApplyLeaderTransitions)], stepped.Select(i => i.GetType()));
        var versions = shell.Sent.Select(s => s.Message switch
            {
                Welcome welcome => welcome.Gossip.GetMember(B).Status,
                GossipEnvelope whole => whole.Gossip.GetMember(B).Status,
                GossipDeltaEnvelope delta when delta.Delta.Changes.HasMember(B) => delta.Delta.Changes.GetMember(B).Status,
                _ => MemberStatus.Removed,
            })
            .Where(status => status != MemberStatus.Removed)
            .ToList();
        Assert.Equal(MemberStatus.Up, driver.State.Gossip.GetMember(B).Status);
        Assert.Contains(MemberStatus.Joining, versions);
        Assert.Equal(versions.Order(), versions); // Every Joining version before any Up version.
        var proposal = shell.Calls.FindIndex(c => c is LeaderTransitionsProposed);
        var applied = shell.Calls.FindIndex(c => c is LeaderTransitionsApplied);
        Assert.True(shell.Calls.Skip(proposal + 1).Take(applied - proposal).OfType<ScheduleWakeUp>().Any(), "the join step's effects ran to the end (its wake-up) before the transitions were applied");
    }

    [Fact]
    public void The_shells_one_wake_up_is_always_the_cores_earliest_deadline()
    {
        var shell = new RecordingShell();
        long now = 0;
        var driver = Driver(Fresh(A), shell, () => now);
        driver.Feed(Started.Instance);
        driver.Feed(new JoinSeedNodesCommand(Seeds(A, B)));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(driver.State.WakeUpAtMillis, shell.WakeUps[^1]);
            Assert.Equal(CoreDeadlines.NextDueAt(driver.State), shell.WakeUps[^1]);
            now = shell.WakeUps[^1];
            driver.Feed(WakeUp.Instance);
        }

        Assert.Equal(CorePhase.Initialized, driver.State.Phase); // The first seed formed the cluster after seed-node-timeout.
    }

    [Fact]
    public void A_feed_from_inside_an_effect_is_queued_behind_the_current_step_not_nested()
    {
        var shell = new RecordingShell();
        var stepped = new List<ICoreInput>();
        var driver = Driver(Fresh(A), shell, () => 1_000, stepped);
        shell.OnSend = (_, message) =>
        {
            if (message is InitJoin)
            {
                driver.Feed(new Heartbeat(B.Address, 1, 0));
                Assert.Equal([typeof(JoinSeedNodesCommand)], stepped.Select(i => i.GetType())); // Not stepped yet.
            }
        };

        driver.Feed(new JoinSeedNodesCommand(Seeds(B)));

        Assert.Equal([typeof(JoinSeedNodesCommand), typeof(Heartbeat)], stepped.Select(i => i.GetType()));
    }
}
