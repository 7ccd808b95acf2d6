using Akka.Actor;
using Akka.Configuration;
using Akka.Remote;
using Akka.Remote.Transport;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>
/// The live reachability, weakly-up and role-leader events, as a TestProbe subscriber on the
/// TestKit's own node sees them, with a blackhole in the remote transport (downing off, so
/// nothing is removed while a member is unreachable).
/// </summary>
public sealed class ReachabilityEventsTestKitTests : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private const string Config = """
        akka.convergence {
          roles = [backend]
          downing.strategy = off
          allow-weakly-up-members = 1s
        }
        """;

    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(20);
    private readonly TestCluster _others = new();

    public ReachabilityEventsTestKitTests()
        : base(ConfigurationFactory.ParseString(Config).WithFallback(ConfigurationFactory.ParseString(FastConfig(transport: "trttl"))), "conv")
    {
    }

    private ConvergenceCluster Node => ConvergenceCluster.Get(Sys);

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await _others.DisposeAsync();

    [Fact]
    public async Task Unreachable_weakly_up_reachable_and_role_leader_events_arrive_live_in_order()
    {
        var roles = CreateTestProbe();
        Node.Subscribe(roles, InitialStateMode.AsSnapshot, typeof(RoleLeaderChanged));
        roles.ExpectMsg<CurrentClusterState>(EventWait);
        await Node.JoinSeedNodesAsync([Node.SelfAddress]).WaitAsync(DefaultWait);
        Assert.Equal(Node.SelfAddress, roles.ExpectMsg<RoleLeaderChanged>(e => e.Role == "backend", EventWait).Leader);

        var peer = _others.Start(Config, transport: "trttl");
        await Cluster(peer).JoinSeedNodesAsync([Node.SelfAddress]).WaitAsync(DefaultWait);
        await AwaitAllUp([Sys, peer]);
        var probe = CreateTestProbe();
        Node.Subscribe(probe, InitialStateMode.AsSnapshot, typeof(IReachabilityEvent), typeof(MemberWeaklyUp), typeof(MemberUp));
        probe.ExpectMsg<CurrentClusterState>(EventWait);

        var peerAddress = Cluster(peer).SelfAddress;
        await Throttle(Sys, peerAddress, Blackhole.Instance);
        probe.ExpectMsg<UnreachableMember>(e => e.Member.Address == peerAddress, EventWait);

        // A joiner while the view cannot converge: WeaklyUp after allow-weakly-up-members, Up only
        // once it converges. It is cut off from the peer too, or it would reach it for this node's
        // indirect probes (as Lifeguard should) and end the unreachability before the test can see WeaklyUp.
        var late = _others.Start(Config, transport: "trttl");
        await Throttle(late, peerAddress, Blackhole.Instance);
        Cluster(late).Join(Node.SelfAddress);
        probe.ExpectMsg<MemberWeaklyUp>(e => e.Member.Address == Cluster(late).SelfAddress, EventWait);

        await Throttle(late, peerAddress, Unthrottled.Instance);
        await Throttle(Sys, peerAddress, Unthrottled.Instance);
        probe.ExpectMsg<ReachableMember>(e => e.Member.Address == peerAddress, EventWait);
        probe.ExpectMsg<MemberUp>(e => e.Member.Address == Cluster(late).SelfAddress, EventWait);
    }

    /// <summary>Throttles, in <paramref name="system"/>'s own transport, both directions of its link to <paramref name="peer"/>.</summary>
    private static async Task Throttle(ActorSystem system, Address peer, ThrottleMode mode) =>
        Assert.True(await ((IRemoteActorRefProvider)((ExtendedActorSystem)system).Provider).Transport.ManagementCommand(new SetThrottle(peer, ThrottleTransportAdapter.Direction.Both, mode)));
}
