using Akka.Actor;
using Akka.Configuration;
using AkkaConvergence.Actors;
using AkkaConvergence.Protocol;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>
/// The actor shell as Akka.NET users test actors: the TestKit's own system is a convergence
/// node, a TestProbe is the subscriber (or the stranger), and every event is expected in order,
/// within a bound.
/// </summary>
public sealed class ActorShellTestKitTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(15);
    private readonly TestCluster _others = new();

    public ActorShellTestKitTests()
        : base(ConfigurationFactory.ParseString(FastConfig()), "conv")
    {
    }

    private ConvergenceCluster Node => ConvergenceCluster.Get(Sys);

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await _others.DisposeAsync();

    [Fact]
    public async Task A_subscriber_gets_a_joiners_and_a_leavers_events_one_by_one_in_order()
    {
        await Node.JoinSeedNodesAsync([Node.SelfAddress]).WaitAsync(DefaultWait);
        var probe = CreateTestProbe();
        Node.Subscribe(probe, InitialStateMode.AsEvents, typeof(IMemberEvent));
        Assert.Equal(Node.SelfUniqueAddress, probe.ExpectMsg<MemberUp>(EventWait).Member.UniqueAddress);
        var convergence = CreateTestProbe();
        Node.Subscribe(convergence, InitialStateMode.AsSnapshot, typeof(ConvergenceChanged));
        convergence.ExpectMsg<CurrentClusterState>(state => state.IsConverged, EventWait);

        var other = _others.Start();
        await Cluster(other).JoinSeedNodesAsync([Node.SelfAddress]).WaitAsync(DefaultWait);
        var joiner = Cluster(other).SelfUniqueAddress;
        probe.ExpectMsg<MemberJoined>(e => e.Member.UniqueAddress == joiner, EventWait);
        probe.ExpectMsg<MemberUp>(e => e.Member.UniqueAddress == joiner, EventWait);

        // Live, not replayed: admitting the joiner makes a version it has not seen; its ack converges it again.
        convergence.ExpectMsg<ConvergenceChanged>(e => !e.IsConverged, EventWait);
        convergence.ExpectMsg<ConvergenceChanged>(e => e.IsConverged, EventWait);

        await Cluster(other).LeaveAsync().WaitAsync(DefaultWait);
        probe.ExpectMsg<MemberLeft>(e => e.Member.UniqueAddress == joiner, EventWait);
        probe.ExpectMsg<MemberExited>(e => e.Member.UniqueAddress == joiner, EventWait);
        var removed = probe.ExpectMsg<MemberRemoved>(e => e.Member.UniqueAddress == joiner, EventWait);
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_leaving_nodes_own_subscriber_gets_left_exited_shutting_down_and_removed_before_its_system_stops()
    {
        var seed = _others.Start();
        var seedAddress = Cluster(seed).SelfAddress;
        await Cluster(seed).JoinSeedNodesAsync([seedAddress]).WaitAsync(DefaultWait);
        await Node.JoinSeedNodesAsync([seedAddress]).WaitAsync(DefaultWait);
        var probe = CreateTestProbe();
        Node.Subscribe(probe, InitialStateMode.AsSnapshot, typeof(IMemberEvent), typeof(ClusterShuttingDown));
        probe.ExpectMsg<CurrentClusterState>(s => s.Members.Any(m => m.UniqueAddress == Node.SelfUniqueAddress && m.Status == MemberStatus.Up), EventWait);

        _ = CoordinatedShutdown.Get(Sys).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);

        probe.ExpectMsg<MemberLeft>(e => e.Member.UniqueAddress == Node.SelfUniqueAddress, EventWait);
        probe.ExpectMsg<MemberExited>(e => e.Member.UniqueAddress == Node.SelfUniqueAddress, EventWait);
        probe.ExpectMsg<ClusterShuttingDown>(EventWait); // As Akka's: before the final MemberRemoved events.
        // The final view is empty: every member is removed from it, in address order, self as Exiting.
        var removed = probe.ReceiveN(2, EventWait).Cast<MemberRemoved>().ToDictionary(e => e.Member.UniqueAddress, e => e.PreviousStatus);
        Assert.Equal(MemberStatus.Exiting, removed[Node.SelfUniqueAddress]);
        Assert.Equal(MemberStatus.Up, removed[Cluster(seed).SelfUniqueAddress]);
        await Sys.WhenTerminated.WaitAsync(DefaultWait);
        await TestCluster.AwaitCondition(() => Cluster(seed).State.Members.Count == 1, "the seed removed the leaver");
    }

    [Fact]
    public async Task Commands_from_a_probe_in_another_system_are_refused_one_log_line_each_and_get_no_answer()
    {
        await Node.JoinSeedNodesAsync([Node.SelfAddress]).WaitAsync(DefaultWait);
        var stranger = _others.StartStranger();
        var probe = CreateTestProbe(stranger);
        var membership = stranger.ActorSelection(new RootActorPath(Node.SelfAddress) / "system" / "convergence" / "membership");

        EventFilter.Warning(contains: "refused DownCommand").ExpectOne(EventWait, () => membership.Tell(new DownCommand(Node.SelfAddress), probe.Ref));
        EventFilter.Warning(contains: "refused LeaveCommand").ExpectOne(EventWait, () => membership.Tell(new LeaveCommand(Node.SelfAddress), probe.Ref));

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, Node.Metrics.Refusals(RefusalReason.UnknownMessage));
        Assert.Equal(MemberStatus.Up, Node.SelfMember.Status);
    }
}
