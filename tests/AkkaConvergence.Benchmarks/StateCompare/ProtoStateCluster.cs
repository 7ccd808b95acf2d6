using System.Net;
using System.Net.Sockets;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Proto;
using Proto.Cluster;
using Proto.Cluster.Partition;
using Proto.Cluster.Seed;
using Proto.Remote;
using Proto.Remote.GrpcNet;

namespace AkkaConvergence.Benchmarks.StateCompare;

/// <summary>
/// Proto.Cluster 1.8.0 with its own defaults (gossip every 300 ms to 3 members, at most 50 entries
/// a message): the seed-node provider it ships (member 0 is the seed), partition identity lookup,
/// gRPC remote on 127.0.0.1 with free ports. Proto's gossip values are protobuf messages, so the
/// strings and counters travel as <see cref="StringValue"/> and <see cref="Int64Value"/>.
/// </summary>
internal sealed class ProtoStateCluster : IStateClusterUnderTest
{
    private readonly List<ActorSystem> _systems = [];

    public string Name => "Proto.Cluster";

    public async Task Form(int nodes, TimeSpan limit)
    {
        var seed = Create(FixedServerSeedNodeDiscovery.StartSeedNode());
        await seed.Cluster().StartMemberAsync().WaitAsync(limit);
        var (host, port) = seed.GetAddress();
        var others = Enumerable.Range(1, nodes - 1).Select(_ => Create(FixedServerSeedNodeDiscovery.JoinSeedNode(host, port))).ToList();
        await Task.WhenAll(others.Select(s => s.Cluster().StartMemberAsync())).WaitAsync(limit);
        await Until.True(() => _systems.All(s => s.Cluster().MemberList.GetAllMembers().Length == nodes), limit, "Proto.Cluster formation");
    }

    public Task SetOnFirst(string key, string value) => _systems[0].Cluster().Gossip.SetStateAsync(key, new StringValue { Value = value });

    public async Task<bool> AllSee(string key, string value)
    {
        var owner = _systems[0].Id;
        var views = await Task.WhenAll(_systems.Select(s => s.Cluster().Gossip.GetState<StringValue>(key).WaitAsync(TimeSpan.FromSeconds(5))));
        return views.All(view => view.TryGetValue(owner, out var seen) && seen.Value == value);
    }

    public Task SetOn(int member, string key, long value) => _systems[member].Cluster().Gossip.SetStateAsync(key, new Int64Value { Value = value });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(_systems.Select(s => s.Cluster().ShutdownAsync(true, "benchmark done"))).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            // A slow gRPC shutdown must not end the benchmark; the process exits after the run anyway.
        }
    }

    private ActorSystem Create(ISeedNodeDiscovery discovery)
    {
        // 127.0.0.1 only, port 0 (a free one). The handler is Grpc.Net.Client's own default, with
        // a connect callback that refuses anything but loopback.
        var remote = RemoteConfig.BindTo("127.0.0.1", 0)
            .WithChannelOptions(new GrpcChannelOptions { HttpHandler = LoopbackOnlyHandler(), DisposeHttpClient = true });
        var cluster = ClusterConfig.Setup("state-compare", new SeedNodeClusterProvider(new SeedNodeClusterProviderOptions(discovery)), new PartitionIdentityLookup());
        var system = new ActorSystem(new ActorSystemConfig()).WithRemote(remote).WithCluster(cluster);
        _systems.Add(system);
        return system;
    }

    private static SocketsHttpHandler LoopbackOnlyHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        ConnectCallback = async (context, token) =>
        {
            var address = IPAddress.Parse(context.DnsEndPoint.Host);
            if (!IPAddress.IsLoopback(address))
            {
                throw new InvalidOperationException($"The benchmark connects to 127.0.0.1 only, not {address}.");
            }

            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
