using Akka.Actor;
using Akka.Configuration;

namespace AkkaConvergence.Cli.Local;

/// <summary>
/// N AkkaConvergence nodes as ActorSystems in this process, on 127.0.0.1, with failure detection
/// tuned so a crash is handled in seconds (the rest are the library's defaults).
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    public const string SystemName = "local";

    /// <summary>Demo timing: the library defaults except a quicker failure detector and downing.</summary>
    public const string DemoConfig = """
        akka {
          # The demo prints the cluster's events itself; Akka.Remote's connection errors after a
          # deliberate crash would only be noise here.
          loglevel = OFF
          stdout-loglevel = OFF
          remote.log-remote-lifecycle-events = off
          actor.provider = remote
          coordinated-shutdown.run-by-actor-system-terminate = off
          coordinated-shutdown.run-by-clr-shutdown-hook = off
          convergence {
            failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s, expected-response-after = 500ms }
            downing.stable-after = 3s
          }
        }
        """;

    private readonly List<LocalNode> _nodes = [];
    private int _nextIndex;

    public IReadOnlyList<LocalNode> LiveNodes => _nodes.Where(n => !n.IsDown).ToList();

    public IReadOnlyList<LocalNode> AllNodes => _nodes;

    public LocalNode Start(int port = 0)
    {
        var config = ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp {{ hostname = 127.0.0.1, port = {port} }}")
            .WithFallback(ConfigurationFactory.ParseString(DemoConfig));
        var system = ActorSystem.Create(SystemName, config);
        var node = new LocalNode(++_nextIndex, system, ConvergenceCluster.Get(system));
        _nodes.Add(node);
        return node;
    }

    /// <summary>Stops a node at once: no leave, no goodbye (CoordinatedShutdown is off on terminate).</summary>
    public async Task Crash(LocalNode node)
    {
        node.IsDown = true;
        await node.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.IsDown = true;
        }

        await Task.WhenAll(_nodes.Select(n => n.System.Terminate().WaitAsync(TimeSpan.FromSeconds(15)))).ConfigureAwait(false);
    }
}

/// <summary>One node of the local cluster.</summary>
internal sealed class LocalNode(int index, ActorSystem system, ConvergenceCluster cluster)
{
    public int Index { get; } = index;

    public ActorSystem System { get; } = system;

    public ConvergenceCluster Cluster { get; } = cluster;

    public bool IsDown { get; set; }

    public string Name => $"node-{Index}";

    public Address Address => Cluster.SelfAddress;
}
