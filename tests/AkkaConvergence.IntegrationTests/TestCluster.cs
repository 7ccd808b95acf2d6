using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Configuration;

namespace AkkaConvergence.IntegrationTests;

/// <summary>
/// Real ActorSystems over Akka.Remote on 127.0.0.1, with fast intervals so a test takes seconds.
/// Every wait is a bounded await on a condition. Disposing terminates every system still running.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private readonly ConcurrentBag<ActorSystem> _systems = [];

    public static string FastConfig(int port = 0, string transport = "tcp") => $$"""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          actor.provider = remote
          remote.dot-netty.tcp {
            hostname = 127.0.0.1
            port = {{port}}
            {{(transport == "trttl" ? "applied-adapters = [trttl]" : string.Empty)}}
          }
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          convergence {
            gossip-interval = 200ms
            leader-actions-interval = 200ms
            unreachable-nodes-reaper-interval = 200ms
            periodic-tasks-initial-delay = 100ms
            seed-node-timeout = 1s
            retry-unsuccessful-join-after = 3s
            allow-weakly-up-members = off
            failure-detector {
              heartbeat-interval = 200ms
              acceptable-heartbeat-pause = 1s
              expected-response-after = 400ms
            }
            downing.stable-after = 2s
          }
        }
        """;

    public ActorSystem Start(string extraConfig = "", string systemName = "conv", int port = 0, string transport = "tcp", TimeProvider? time = null, Akka.Actor.Setup.Setup? with = null)
    {
        var config = ConfigurationFactory.ParseString(extraConfig).WithFallback(ConfigurationFactory.ParseString(FastConfig(port, transport)));
        var setup = BootstrapSetup.Create().WithConfig(config).And(new ConvergenceTimeSetup(time ?? TimeProvider.System));
        setup = with is null ? setup : setup.And(with);
        var system = ActorSystem.Create(systemName, setup);
        _systems.Add(system);
        ConvergenceCluster.Get(system);
        return system;
    }

    /// <summary>A remote ActorSystem without the extension: a stranger that can reach the nodes' ports.</summary>
    public ActorSystem StartStranger(string systemName = "conv", string extraConfig = "")
    {
        var system = ActorSystem.Create(systemName, ConfigurationFactory.ParseString(extraConfig).WithFallback(ConfigurationFactory.ParseString(FastConfig())));
        _systems.Add(system);
        return system;
    }

    public IReadOnlyList<ActorSystem> StartMany(int count, string extraConfig = "") =>
        Enumerable.Range(0, count).Select(_ => Start(extraConfig)).ToList();

    public static ConvergenceCluster Cluster(ActorSystem system) => ConvergenceCluster.Get(system);

    /// <summary>A port free right now on 127.0.0.1 (for tests that restart a node on the same port).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Awaits <paramref name="condition"/>, checking every 25 ms, and fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task AwaitCondition(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {(timeout ?? DefaultWait).TotalSeconds} s waiting until {what}.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Every one of <paramref name="systems"/> sees exactly them as members, all Up, and is converged.</summary>
    public static Task AwaitAllUp(IReadOnlyCollection<ActorSystem> systems, TimeSpan? timeout = null)
    {
        var expected = systems.Select(s => Cluster(s).SelfUniqueAddress).ToHashSet();
        return AwaitCondition(
            () => systems.All(s =>
            {
                var state = Cluster(s).State;
                return state.IsConverged && state.Members.Count == expected.Count
                       && state.Members.All(m => m.Status == MemberStatus.Up && expected.Contains(m.UniqueAddress));
            }),
            $"all {systems.Count} nodes are Up and converged everywhere",
            timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(async system =>
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }
}
