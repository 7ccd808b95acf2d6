using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace AkkaConvergence.IntegrationTests;

/// <summary>A system's Warning and Error log lines from now on, readable from the test thread.</summary>
public static class LogLines
{
    public static ConcurrentQueue<string> Collect(ActorSystem system)
    {
        var lines = new ConcurrentQueue<string>();
        var collector = system.ActorOf(Props.Create(() => new LogCollector(lines)));
        system.EventStream.Subscribe(collector, typeof(Warning));
        system.EventStream.Subscribe(collector, typeof(Error));
        return lines;
    }

    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(ConcurrentQueue<string> lines) => Receive<LogEvent>(line => lines.Enqueue(line.ToString()));
    }
}
