using System.Collections.Concurrent;
using Akka.Actor;

namespace AkkaConvergence.IntegrationTests;

/// <summary>An actor that records every message it receives, readable from the test thread.</summary>
public sealed class EventCollector : ReceiveActor
{
    public EventCollector(ConcurrentQueue<object> received) => ReceiveAny(received.Enqueue);
}

public static class EventCollectors
{
    public static (IActorRef Actor, ConcurrentQueue<object> Received) Start(ActorSystem system)
    {
        var received = new ConcurrentQueue<object>();
        return (system.ActorOf(Props.Create(() => new EventCollector(received))), received);
    }
}
