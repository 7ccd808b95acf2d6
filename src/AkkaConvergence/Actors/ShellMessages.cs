using System.Collections.Immutable;

namespace AkkaConvergence.Actors;

/// <summary>A subscription request for the event publisher.</summary>
internal sealed record Subscribe(Akka.Actor.IActorRef Subscriber, InitialStateMode Mode, ImmutableArray<Type> To);

/// <summary>Stop delivering <paramref name="To"/> (all types when null) to the subscriber.</summary>
internal sealed record Unsubscribe(Akka.Actor.IActorRef Subscriber, Type? To);

/// <summary>Send the current state to <paramref name="Receiver"/>.</summary>
internal sealed record SendCurrentState(Akka.Actor.IActorRef Receiver);

/// <summary>The membership actor's new view, for the publisher to diff and deliver.</summary>
internal sealed record PublishState(CurrentClusterState State);

/// <summary>The extension is shutting down: publish ClusterShuttingDown and the diff to an empty state.</summary>
internal sealed record PublishShutdown
{
    public static readonly PublishShutdown Instance = new();
}

/// <summary>The member set changed: the heartbeat actor recomputes whom it monitors.</summary>
internal sealed record MembersChanged(ImmutableSortedSet<Member> Members);

/// <summary>Timer message of the membership actor: reap failure-detector verdicts.</summary>
internal sealed record ReapTick
{
    public static readonly ReapTick Instance = new();
}

/// <summary>Timer message of the heartbeat actor.</summary>
internal sealed record HeartbeatTick
{
    public static readonly HeartbeatTick Instance = new();
}

/// <summary>No first answer from <paramref name="Node"/> yet: start monitoring it anyway.</summary>
internal sealed record ExpectedFirstHeartbeat(UniqueAddress Node);
