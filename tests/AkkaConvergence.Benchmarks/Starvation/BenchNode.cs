using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using AkkaConvergence.Benchmarks.Compare;

namespace AkkaConvergence.Benchmarks.Starvation;

/// <summary>
/// One node of either implementation in this process, for the real-process studies: prints one
/// line per membership event (<c>EVENT self kind subject</c>, ports as names) and, asked on
/// stdin, its view (<c>state</c>) or to starve its own thread pool (<c>starve seconds</c>).
/// </summary>
internal static class BenchNode
{
    public static async Task<int> Run(string implementation, int port, int seedPort, CompareProfile profile)
    {
        var common = ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.port = {port}").WithFallback(ConfigurationFactory.ParseString(CompareProfile.Common));
        var output = TextWriter.Synchronized(Console.Out);
        var system = implementation switch
        {
            "ours" => Ours(common, profile, port, seedPort, output),
            "akka" => AkkaCluster(common, profile, port, seedPort, output),
            _ => throw new ArgumentException($"--impl must be ours or akka, was '{implementation}'."),
        };

        output.WriteLine($"READY {port}");
        string? line;
        while ((line = await Console.In.ReadLineAsync()) is not null)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (words.FirstOrDefault())
            {
                case "state":
                    output.WriteLine($"STATE {port} {Describe(system, implementation)}");
                    break;
                case "starve":
                    Starve(TimeSpan.FromSeconds(double.Parse(words[1], CultureInfo.InvariantCulture)));
                    break;
                case "quit":
                    await system.Terminate();
                    return 0;
            }
        }

        await system.Terminate();
        return 0;
    }

    /// <summary>Blocks every thread-pool thread (and those the pool adds) for the time: the process is alive, its actors cannot run.</summary>
    private static void Starve(TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        for (var i = 0; i < Environment.ProcessorCount * 64; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                while (DateTime.UtcNow < until)
                {
                    Thread.Sleep(10);
                }
            }, null);
        }
    }

    private static ActorSystem Ours(Config common, CompareProfile profile, int port, int seedPort, TextWriter output)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.convergence.downing { strategy = keep-majority, stable-after = {{CompareProfile.Ms(profile.StableAfter)}} }
            {{profile.SharedTiming("akka.convergence")}}
            """).WithFallback(common);
        var system = ActorSystem.Create("ours", config);
        var cluster = ConvergenceCluster.Get(system);
        var listener = system.ActorOf(Props.Create(() => new EventLines(port, output)));
        cluster.Subscribe(listener, InitialStateMode.AsEvents, typeof(IMemberEvent), typeof(IReachabilityEvent));
        cluster.JoinSeedNodes([new Address("akka.tcp", "ours", "127.0.0.1", seedPort)]);
        return system;
    }

    private static ActorSystem AkkaCluster(Config common, CompareProfile profile, int port, int seedPort, TextWriter output)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.cluster.downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            akka.cluster.split-brain-resolver { active-strategy = keep-majority, stable-after = {{CompareProfile.Ms(profile.StableAfter)}} }
            {{profile.SharedTiming("akka.cluster")}}
            """).WithFallback(common);
        var system = ActorSystem.Create("akka", config);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var listener = system.ActorOf(Props.Create(() => new EventLines(port, output)));
        cluster.Subscribe(listener, Akka.Cluster.ClusterEvent.InitialStateAsEvents, typeof(Akka.Cluster.ClusterEvent.IMemberEvent), typeof(Akka.Cluster.ClusterEvent.IReachabilityEvent));
        cluster.JoinSeedNodes([new Address("akka.tcp", "akka", "127.0.0.1", seedPort)]);
        return system;
    }

    private static string Describe(ActorSystem system, string implementation)
    {
        if (implementation == "ours")
        {
            var state = ConvergenceCluster.Get(system).State;
            return $"up={state.Members.Count(m => m.Status == MemberStatus.Up)} unreachable={state.Unreachable.Count} converged={state.IsConverged}";
        }

        var akka = Akka.Cluster.Cluster.Get(system).State;
        return $"up={akka.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up)} unreachable={akka.Unreachable.Count} converged={akka.Unreachable.Count == 0 && akka.Members.All(m => akka.SeenBy.Contains(m.Address))}";
    }

    /// <summary>Prints each event as <c>EVENT self kind subjectPort</c>.</summary>
    private sealed class EventLines : ReceiveActor
    {
        public EventLines(int port, TextWriter output) => ReceiveAny(message =>
        {
            var (kind, address) = message switch
            {
                MemberUp e => ("up", e.Member.Address),
                MemberDowned e => ("downed", e.Member.Address),
                MemberRemoved e => ("removed", e.Member.Address),
                UnreachableMember e => ("unreachable", e.Member.Address),
                ReachableMember e => ("reachable", e.Member.Address),
                Akka.Cluster.ClusterEvent.MemberUp e => ("up", e.Member.Address),
                Akka.Cluster.ClusterEvent.MemberDowned e => ("downed", e.Member.Address),
                Akka.Cluster.ClusterEvent.MemberRemoved e => ("removed", e.Member.Address),
                Akka.Cluster.ClusterEvent.UnreachableMember e => ("unreachable", e.Member.Address),
                Akka.Cluster.ClusterEvent.ReachableMember e => ("reachable", e.Member.Address),
                _ => (null, null),
            };
            if (kind is not null)
            {
                output.WriteLine($"EVENT {port} {kind} {address!.Port}");
            }
        });
    }
}
