using System.Net.Sockets;
using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;
using AkkaConvergence.Actors;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

public sealed class ResilienceTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_node_restarted_on_its_port_replaces_its_old_incarnation()
    {
        var port = FreePort();
        var crashOnTerminate = "akka.coordinated-shutdown.run-by-actor-system-terminate = off";
        var seed = _cluster.Start();
        var old = _cluster.Start(crashOnTerminate, port: port);
        var seedAddress = Cluster(seed).SelfAddress;
        await Task.WhenAll(Cluster(seed).JoinSeedNodesAsync([seedAddress]), Cluster(old).JoinSeedNodesAsync([seedAddress])).WaitAsync(DefaultWait);
        await AwaitAllUp([seed, old]);
        var oldIncarnation = Cluster(old).SelfUniqueAddress;
        var (subscriber, events) = EventCollectors.Start(seed);
        Cluster(seed).Subscribe(subscriber, typeof(MemberRemoved), typeof(MemberUp));

        await old.Terminate().WaitAsync(DefaultWait);
        var restarted = _cluster.Start(port: port);
        await Cluster(restarted).JoinSeedNodesAsync([seedAddress]).WaitAsync(DefaultWait);

        await AwaitAllUp([seed, restarted]);
        Assert.NotEqual(oldIncarnation.Uid, Cluster(restarted).SelfUniqueAddress.Uid);
        Assert.Contains(events, e => e is MemberRemoved r && r.Member.UniqueAddress == oldIncarnation);
    }

    [Fact]
    public async Task Garbage_on_a_nodes_tcp_port_leaves_the_cluster_working()
    {
        // Akka.Remote's framing rejects these bytes before any serializer sees them: this tests the
        // port; the next test sends bad bytes that do reach the convergence serializer.
        var systems = _cluster.StartMany(2);
        var seed = Cluster(systems[0]).SelfAddress;
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);

        var random = new Random(11);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", seed.Port!.Value);
            var garbage = new byte[4096];
            random.NextBytes(garbage);
            await client.GetStream().WriteAsync(garbage);
        }

        var late = _cluster.Start();
        await Cluster(late).JoinSeedNodesAsync([seed]).WaitAsync(DefaultWait);
        await AwaitAllUp([.. systems, late]);
    }

    [Fact]
    public async Task Bad_bytes_in_well_formed_remote_envelopes_reach_the_serializer_and_are_refused_counted_and_harmless()
    {
        var systems = _cluster.StartMany(2);
        var seed = Cluster(systems[0]).SelfAddress;
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);
        var target = Cluster(systems[0]);
        var stranger = _cluster.StartStranger(extraConfig: GarbageSerializer.Config);
        var membership = stranger.ActorSelection(new RootActorPath(seed) / "system" / "convergence" / "membership");
        var random = new Random(13);
        byte[] RandomBytes(int count)
        {
            var bytes = new byte[count];
            random.NextBytes(bytes);
            return bytes;
        }

        const byte version = Wire.WireFrame.FormatVersion;
        Garbage[] samples =
        [
            new("GE", RandomBytes(200)),
            new("J", []),
            new("ZZ", RandomBytes(16)), // A manifest no codec has.
            new("GS", [version, 0, 2, (byte)'G', (byte)'E', 0, 1, 2, 3]), // Framed for another manifest.
            new("GE", [version, 0, 2, (byte)'G', (byte)'E', 0, 1, 2, 3]), // A valid frame around a truncated gossip.
            new("GE", [version + 1, 0, 2, (byte)'G', (byte)'E', 0, 1]), // A later wire format.
            new("HB", [.. Enumerable.Repeat((byte)0xFF, 100_000)]), // Large, all lengths maximal.
        ];

        foreach (var sample in samples)
        {
            membership.Tell(sample);
        }

        await AwaitCondition(
            () => target.Metrics.Refusals(RefusalReason.Undecodable) == samples.Length,
            $"all {samples.Length} samples reached the convergence serializer and were refused as undecodable");
        await AwaitAllUp(systems);
        var late = _cluster.Start();
        await Cluster(late).JoinSeedNodesAsync([seed]).WaitAsync(DefaultWait);
        await AwaitAllUp([.. systems, late]);
    }

    [Fact]
    public async Task A_partition_is_resolved_by_keep_majority_and_the_minority_shuts_down()
    {
        var systems = Enumerable.Range(0, 5).Select(_ => _cluster.Start(transport: "trttl")).ToList();
        var seed = Cluster(systems[0]).SelfAddress;
        Assert.Equal("akka.trttl.tcp", seed.Protocol);
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);
        var majority = systems.Take(3).ToList();
        var minority = systems.Skip(3).ToList();

        // Blackhole every link between the sides, both directions, in the remote transport itself.
        foreach (var side in majority)
        {
            foreach (var other in minority)
            {
                var transport = ((IRemoteActorRefProvider)((ExtendedActorSystem)side).Provider).Transport;
                Assert.True(await transport.ManagementCommand(new SetThrottle(Cluster(other).SelfAddress, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance)));
            }
        }

        await Task.WhenAll(minority.Select(s => s.WhenTerminated)).WaitAsync(TimeSpan.FromSeconds(40));
        Assert.All(minority, s => Assert.True(Cluster(s).IsTerminated));
        await AwaitAllUp(majority, TimeSpan.FromSeconds(30));
    }
}
