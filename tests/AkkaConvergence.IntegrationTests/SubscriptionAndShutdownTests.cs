using Akka.Actor;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

public sealed class SubscriptionAndShutdownTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_pending_join_fails_when_the_extension_shuts_down_first()
    {
        var lonely = _cluster.Start();
        var nowhere = new Address("akka.tcp", "conv", "127.0.0.1", FreePort());
        var join = Cluster(lonely).JoinAsync(nowhere);

        await lonely.Terminate().WaitAsync(DefaultWait);

        await Assert.ThrowsAsync<InvalidOperationException>(() => join.WaitAsync(DefaultWait));
        Assert.True(Cluster(lonely).IsTerminated);
    }

    [Fact]
    public async Task A_leaving_nodes_own_subscriber_sees_its_last_events_before_coordinated_shutdown_stops_it()
    {
        var systems = _cluster.StartMany(3);
        var seed = Cluster(systems[0]).SelfAddress;
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);
        var leaver = systems[2];
        var self = Cluster(leaver).SelfUniqueAddress;
        var (subscriber, events) = EventCollectors.Start(leaver);
        Cluster(leaver).Subscribe(subscriber, typeof(IMemberEvent));
        await AwaitCondition(() => events.OfType<CurrentClusterState>().Any(), "the subscriber has its snapshot");

        await leaver.Terminate().WaitAsync(DefaultWait); // CoordinatedShutdown: leave, exit, then stop the actors.

        var own = events.OfType<IMemberEvent>().Where(e => e.Member.UniqueAddress == self).Select(e => e.GetType()).ToList();
        Assert.Equal([typeof(MemberLeft), typeof(MemberExited), typeof(MemberRemoved)], own);
    }

    [Fact]
    public async Task On_member_removed_callbacks_run_when_the_system_stops_without_coordinated_shutdown()
    {
        var node = _cluster.Start("akka.coordinated-shutdown.run-by-actor-system-terminate = off");
        await Cluster(node).JoinAsync(Cluster(node).SelfAddress).WaitAsync(DefaultWait);
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster(node).RegisterOnMemberRemoved(() => removed.TrySetResult());

        await node.Terminate().WaitAsync(DefaultWait);

        await removed.Task.WaitAsync(DefaultWait);
        Assert.True(Cluster(node).IsTerminated);
    }

    [Fact]
    public async Task Unsubscribed_and_stopped_subscribers_get_no_more_events()
    {
        var systems = _cluster.StartMany(2);
        var seed = Cluster(systems[0]).SelfAddress;
        var (unsubscribed, unsubscribedEvents) = EventCollectors.Start(systems[0]);
        var (stopped, stoppedEvents) = EventCollectors.Start(systems[0]);
        var (listening, listeningEvents) = EventCollectors.Start(systems[0]);
        foreach (var subscriber in new[] { unsubscribed, stopped, listening })
        {
            Cluster(systems[0]).Subscribe(subscriber, typeof(IMemberEvent));
        }

        Cluster(systems[0]).Unsubscribe(unsubscribed);
        var (deadLetters, dead) = EventCollectors.Start(systems[0]);
        systems[0].EventStream.Subscribe(deadLetters, typeof(Akka.Event.DeadLetter));
        // Its snapshot shows the publisher has taken the subscription (subscribing is asynchronous);
        // only then is its Terminated sure to reach the publisher before any event below.
        await AwaitCondition(() => stoppedEvents.OfType<CurrentClusterState>().Any(), "the subscription to stop is in place");
        Assert.True(await stopped.GracefulStop(DefaultWait));
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);

        await AwaitCondition(() => listeningEvents.OfType<MemberUp>().Count() == 2, "the remaining subscriber saw both members Up");

        // A later change: a publisher that kept the stopped subscriber would send it these events,
        // which end in dead letters. (Events published in the instant after the stop may still
        // reach it, as in Akka: the publisher hears of the stop by a message of its own.)
        var late = _cluster.Start();
        await Cluster(late).JoinSeedNodesAsync([seed]).WaitAsync(DefaultWait);
        await AwaitAllUp([.. systems, late]);
        await AwaitCondition(() => listeningEvents.OfType<MemberUp>().Count() == 3, "the remaining subscriber saw the late member Up");
        var wrongEvents = unsubscribedEvents.Where(e => e is IMemberEvent).ToList();
        Assert.True(wrongEvents.Count == 0, $"the unsubscribed actor got {string.Join(", ", wrongEvents)}");
        var letters = dead.OfType<Akka.Event.DeadLetter>()
            .Where(letter => letter.Message is IMemberEvent member && member.Member.UniqueAddress == Cluster(late).SelfUniqueAddress)
            .ToList();
        Assert.True(letters.Count == 0, $"dead letters: {string.Join("; ", letters.Select(l => $"{l.Message} from {l.Sender} to {l.Recipient}"))}");
    }

    [Fact]
    public void Subscribing_to_a_type_that_is_not_an_event_is_refused()
    {
        var system = _cluster.Start();
        var (subscriber, _) = EventCollectors.Start(system);

        Assert.Throws<ArgumentException>(() => Cluster(system).Subscribe(subscriber, typeof(string)));
        Assert.Throws<ArgumentException>(() => Cluster(system).Subscribe(subscriber));
    }
}
