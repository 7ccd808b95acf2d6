using Akka.Actor;
using Akka.Event;
using AkkaConvergence.Events;

namespace AkkaConvergence.Actors;

/// <summary>
/// Delivers cluster events to subscribers: diffs each new view against the last one
/// (<see cref="ClusterEventDiff"/>) and sends each event to the subscribers of a matching type.
/// Subscribers are watched, and dropped when they stop.
/// </summary>
internal sealed class EventPublisher : ReceiveActor
{
    private readonly Address _self;
    private readonly ShellContext _shell;
    private readonly Dictionary<IActorRef, List<Type>> _subscribers = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly MembershipLog _refusals;
    private CurrentClusterState _state = CurrentClusterState.Empty;

    public EventPublisher(ShellContext shell)
    {
        _shell = shell;
        _self = shell.Self.Address;
        _refusals = new MembershipLog(_log, shell.Self);
        Receive<LocalRequest>(request => request.IsGenuine, request => Handle(request.Request));
        Receive<Terminated>(terminated => _subscribers.Remove(terminated.ActorRef));
        ReceiveAny(message =>
        {
            var reason = Refusals.ReasonOf(message);
            _refusals.Refused(reason, message, Sender, _shell.Metrics.CountRefusal(reason));
        });
    }

    public static Props Props(ShellContext shell) => Akka.Actor.Props.Create(() => new EventPublisher(shell));

    private void Handle(object request)
    {
        switch (request)
        {
            case PublishState publish:
                Publish(publish.State);
                break;
            case Subscribe subscribe:
                OnSubscribe(subscribe);
                break;
            case Unsubscribe unsubscribe:
                OnUnsubscribe(unsubscribe);
                break;
            case SendCurrentState send:
                send.Receiver.Tell(_state);
                break;
            case PublishStateChanges changes:
                foreach (var change in changes.Changes)
                {
                    Deliver(change);
                }

                break;
            case PublishShutdown:
                Deliver(ClusterShuttingDown.Instance);
                Publish(CurrentClusterState.Empty);
                break;
            case AwaitDelivery wait:
                AwaitSubscribers(wait.Timeout, Sender);
                break;
        }
    }

    /// <summary>
    /// An Identify is answered by an actor only after everything before it in its mailbox: once all
    /// subscribers answered, they have processed every event published so far. CoordinatedShutdown
    /// waits for this before user actors are stopped, so a leaving node's own subscribers see its
    /// MemberRemoved.
    /// </summary>
    private void AwaitSubscribers(TimeSpan timeout, IActorRef replyTo)
    {
        var answers = _subscribers.Keys.Select(subscriber => subscriber.Ask<ActorIdentity>(new Identify(null), timeout)).ToList();
        Task.WhenAll(answers).ContinueWith(_ => (object)Akka.Done.Instance, TaskScheduler.Default).PipeTo(replyTo);
    }

    private void Publish(CurrentClusterState next)
    {
        foreach (var clusterEvent in ClusterEventDiff.Between(_state, next, _self))
        {
            Deliver(clusterEvent);
        }

        _state = next;
    }

    private void Deliver(IClusterDomainEvent clusterEvent)
    {
        foreach (var (subscriber, types) in _subscribers)
        {
            if (types.Any(type => type.IsInstanceOfType(clusterEvent)))
            {
                subscriber.Tell(clusterEvent);
            }
        }
    }

    private void OnSubscribe(Subscribe subscribe)
    {
        if (!_subscribers.TryGetValue(subscribe.Subscriber, out var types))
        {
            types = [];
            _subscribers[subscribe.Subscriber] = types;
            Context.Watch(subscribe.Subscriber);
        }

        types.AddRange(subscribe.To.Where(type => !types.Contains(type)));
        if (subscribe.Mode == InitialStateMode.AsSnapshot)
        {
            subscribe.Subscriber.Tell(_state);
            return;
        }

        foreach (var clusterEvent in ClusterEventDiff.Replay(_state).Where(e => subscribe.To.Any(type => type.IsInstanceOfType(e))))
        {
            subscribe.Subscriber.Tell(clusterEvent);
        }

        _log.Debug("{0} subscribed to {1}", subscribe.Subscriber, string.Join(", ", subscribe.To.Select(t => t.Name)));
    }

    private void OnUnsubscribe(Unsubscribe unsubscribe)
    {
        if (!_subscribers.TryGetValue(unsubscribe.Subscriber, out var types))
        {
            return;
        }

        if (unsubscribe.To is { } type)
        {
            types.Remove(type);
        }

        if (unsubscribe.To is null || types.Count == 0)
        {
            _subscribers.Remove(unsubscribe.Subscriber);
            Context.Unwatch(unsubscribe.Subscriber);
        }
    }
}
