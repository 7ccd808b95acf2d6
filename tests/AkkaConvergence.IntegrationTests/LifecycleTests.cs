using Akka.Actor;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

public sealed class LifecycleTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    private async Task<IReadOnlyList<ActorSystem>> Formed(int count, string extraConfig = "")
    {
        var systems = _cluster.StartMany(count, extraConfig);
        var seed = Cluster(systems[0]).SelfAddress;
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);
        return systems;
    }

    [Fact]
    public async Task Snapshot_and_event_subscribers_see_the_cluster_form()
    {
        var systems = _cluster.StartMany(3);
        var (snapshotSubscriber, snapshots) = EventCollectors.Start(systems[0]);
        Cluster(systems[0]).Subscribe(snapshotSubscriber, typeof(IMemberEvent));
        var seed = Cluster(systems[0]).SelfAddress;
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);

        var (eventSubscriber, events) = EventCollectors.Start(systems[1]);
        Cluster(systems[1]).Subscribe(eventSubscriber, InitialStateMode.AsEvents, typeof(IMemberEvent), typeof(LeaderChanged), typeof(ConvergenceChanged));

        await AwaitCondition(() => snapshots.OfType<MemberUp>().Count() == 3, "the snapshot subscriber saw three MemberUp");
        Assert.IsType<CurrentClusterState>(snapshots.First());
        await AwaitCondition(() => events.OfType<ConvergenceChanged>().Any(), "the event subscriber got its initial events");
        Assert.Equal(3, events.OfType<MemberUp>().Count());
        Assert.Equal(Cluster(systems[1]).State.Leader, Assert.Single(events.OfType<LeaderChanged>()).Leader);
        Assert.DoesNotContain(events, e => e is CurrentClusterState);
    }

    [Fact]
    public async Task A_graceful_leave_goes_through_left_exited_and_removed_and_leave_async_completes()
    {
        var systems = await Formed(3);
        var leaver = systems[2];
        var leaverAddress = Cluster(leaver).SelfAddress;
        var (subscriber, events) = EventCollectors.Start(systems[0]);
        Cluster(systems[0]).Subscribe(subscriber, typeof(IMemberEvent));
        var removedCallback = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster(leaver).RegisterOnMemberRemoved(() => removedCallback.TrySetResult());

        await Cluster(leaver).LeaveAsync().WaitAsync(DefaultWait);

        await removedCallback.Task.WaitAsync(DefaultWait);
        Assert.True(Cluster(leaver).IsTerminated);
        Assert.Equal(MemberStatus.Removed, Cluster(leaver).SelfMember.Status);
        await AwaitCondition(() => events.OfType<MemberRemoved>().Any(e => e.Member.Address == leaverAddress), "the others removed the leaver");
        var ofLeaver = events.OfType<IMemberEvent>().Where(e => e.Member.Address == leaverAddress).Select(e => e.GetType().Name).ToList();
        Assert.Equal(["MemberLeft", "MemberExited", "MemberRemoved"], ofLeaver.SkipWhile(name => name == "MemberUp"));
        Assert.Equal(MemberStatus.Exiting, events.OfType<MemberRemoved>().Single(e => e.Member.Address == leaverAddress).PreviousStatus);
        await AwaitAllUp([systems[0], systems[1]]);
        await leaver.WhenTerminated.WaitAsync(DefaultWait);
    }

    [Fact]
    public async Task A_leaving_leader_hands_over_to_the_next_address()
    {
        var systems = await Formed(3);
        var ordered = systems.OrderBy(s => Cluster(s).SelfUniqueAddress).ToList();
        var leader = ordered[0];
        Assert.Equal(Cluster(leader).SelfAddress, Cluster(ordered[1]).State.Leader);

        await Cluster(leader).LeaveAsync().WaitAsync(DefaultWait);

        await AwaitAllUp([ordered[1], ordered[2]]);
        Assert.Equal(Cluster(ordered[1]).SelfAddress, Cluster(ordered[2]).State.Leader);
    }

    [Fact]
    public async Task Terminating_the_actor_system_leaves_gracefully()
    {
        var systems = await Formed(3);
        var (subscriber, events) = EventCollectors.Start(systems[0]);
        Cluster(systems[0]).Subscribe(subscriber, typeof(MemberRemoved));
        var leaving = Cluster(systems[2]).SelfAddress;

        await systems[2].Terminate().WaitAsync(DefaultWait);

        await AwaitCondition(() => events.OfType<MemberRemoved>().Any(e => e.Member.Address == leaving), "the terminated node was removed");
        Assert.Equal(MemberStatus.Exiting, events.OfType<MemberRemoved>().Single(e => e.Member.Address == leaving).PreviousStatus);
    }

    [Fact]
    public async Task On_member_up_runs_once_when_up_and_at_once_if_already_up()
    {
        var system = _cluster.Start();
        var cluster = Cluster(system);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => first.TrySetResult());

        cluster.Join(cluster.SelfAddress);

        await first.Task.WaitAsync(DefaultWait);
        var later = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => later.TrySetResult());
        await later.Task.WaitAsync(DefaultWait);
    }

    [Fact]
    public async Task A_downed_node_is_removed_and_shuts_itself_down()
    {
        var systems = await Formed(3);
        var victim = systems[2];
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster(victim).RegisterOnMemberRemoved(() => removed.TrySetResult());

        Cluster(systems[0]).Down(Cluster(victim).SelfAddress);

        await removed.Task.WaitAsync(DefaultWait);
        await victim.WhenTerminated.WaitAsync(DefaultWait);
        await AwaitAllUp([systems[0], systems[1]]);
    }

    [Fact]
    public async Task A_crashed_node_is_marked_unreachable_and_removed_by_keep_majority()
    {
        // Without CoordinatedShutdown on terminate, the node just disappears: no leave, no exit.
        var systems = await Formed(3, "akka.coordinated-shutdown.run-by-actor-system-terminate = off");
        var (subscriber, events) = EventCollectors.Start(systems[0]);
        Cluster(systems[0]).Subscribe(subscriber, typeof(UnreachableMember), typeof(MemberDowned), typeof(MemberRemoved));
        var crashed = Cluster(systems[2]).SelfAddress;

        await systems[2].Terminate().WaitAsync(DefaultWait);

        await AwaitCondition(() => events.OfType<MemberRemoved>().Any(e => e.Member.Address == crashed), "the crashed node was removed", TimeSpan.FromSeconds(30));
        Assert.Contains(events, e => e is UnreachableMember u && u.Member.Address == crashed);
        Assert.Contains(events, e => e is MemberDowned d && d.Member.Address == crashed);
        await AwaitAllUp([systems[0], systems[1]]);
    }
}
