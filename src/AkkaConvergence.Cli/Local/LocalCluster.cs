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

    /// <summary>
    /// A node that can be starved: its actors (the convergence actors included) run on two threads
    /// of its own, which <see cref="LocalNode.Starve"/> blocks, as a starved thread pool would.
    /// </summary>
    public const string StarvableConfig = """
        akka.actor.default-dispatcher = { type = ForkJoinDispatcher, throughput = 30, dedicated-thread-pool.thread-count = 2 }
        akka.actor.internal-dispatcher = { type = ForkJoinDispatcher, throughput = 5, dedicated-thread-pool.thread-count = 2 }
        """;

    public LocalNode Start(int port = 0, bool starvable = false)
    {
        var config = ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp {{ hostname = 127.0.0.1, port = {port} }}")
            .WithFallback(ConfigurationFactory.ParseString(starvable ? StarvableConfig : string.Empty))
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

    /// <summary>Blocks every thread of a starvable node's dispatchers for <paramref name="duration"/> (its actors cannot run).</summary>
    public void Starve(TimeSpan duration)
    {
        foreach (var dispatcher in new[] { "akka.actor.internal-dispatcher", "akka.actor.default-dispatcher" })
        {
            for (var thread = 0; thread < 2; thread++)
            {
                System.ActorOf(Props.Create(() => new Blocker()).WithDispatcher(dispatcher)).Tell(duration);
            }
        }
    }

    /// <summary>Holds its dispatcher thread for the time it is told, then stops.</summary>
    private sealed class Blocker : ReceiveActor
    {
        public Blocker() => Receive<TimeSpan>(duration =>
        {
            // The point of this actor: hold a thread the node's actors need (as blocking code would).
            using var never = new ManualResetEventSlim();
            never.Wait(duration);
            Context.Stop(Self);
        });
    }
}
