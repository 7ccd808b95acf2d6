using System.Collections.Immutable;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Actors;

/// <summary>
/// A request made inside this process (by the extension, an actor of the shell or its own timer),
/// with the proof that it was. The convergence actors act only on these and on
/// <see cref="Inbound"/> messages; anything else sent to them is refused and counted.
/// </summary>
internal sealed record LocalRequest(object Request, LocalProof Proof)
{
    public static LocalRequest Of(object request) => new(request, LocalProof.Instance);

    public bool IsGenuine => LocalProof.IsGenuine(Proof);
}

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

/// <summary>
/// Answered with <see cref="Akka.Done"/> once every subscriber has processed what was published
/// before it (or a subscriber did not answer within <paramref name="Timeout"/>).
/// </summary>
internal sealed record AwaitDelivery(TimeSpan Timeout);

/// <summary>
/// A key/value write or deletion of this node (a <see cref="Protocol.SetStateCommand"/> or
/// <see cref="Protocol.DeleteStateCommand"/>); <paramref name="Done"/>, when given, completes once
/// this node's own reads show it, or fails when a quota refused it.
/// </summary>
internal sealed record WriteState(Protocol.ICoreInput Command, TaskCompletionSource? Done);

/// <summary>Entries of other members that changed in this node's view, for the publisher to deliver as events.</summary>
internal sealed record PublishStateChanges(ImmutableArray<GossipStateChanged> Changes);
