using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>Something the shell must carry out, or a fact it should log or publish.</summary>
internal interface ICoreEffect
{
}

/// <summary>Send <paramref name="Message"/> to the core of the node at <paramref name="To"/>.</summary>
internal sealed record Send(Address To, IClusterMessage Message) : ICoreEffect;

/// <summary>Feed <see cref="WakeUp"/> to the core at <paramref name="AtMillis"/> (on the same clock as the step's now).</summary>
internal sealed record ScheduleWakeUp(long AtMillis) : ICoreEffect;

/// <summary>This node's view changed (publish event diffs, refresh the heartbeat ring).</summary>
internal sealed record MembershipChanged(MembershipState Previous, MembershipState Current) : ICoreEffect;

/// <summary>
/// The leader is ready to make these moves. The shell offers each to the leader-action hooks and
/// answers at once with <see cref="ApplyLeaderTransitions"/> carrying the approved ones. A move
/// held back leaves the member where it is, which never blocks convergence.
/// </summary>
internal sealed record LeaderTransitionsProposed(ImmutableList<MemberTransition> Transitions, MembershipState State) : ICoreEffect;

/// <summary>The leader applied these moves (for hooks' OnApplied).</summary>
internal sealed record LeaderTransitionsApplied(ImmutableList<MemberTransition> Transitions, MembershipState State) : ICoreEffect;

/// <summary>Why this node's membership ends.</summary>
internal enum ShutdownReason
{
    /// <summary>This node became Exiting: run the exit tasks, then send <see cref="ExitingCompleted"/>.</summary>
    Exiting,

    /// <summary>This node was marked Down.</summary>
    Downed,

    /// <summary>This node was removed (or has completed its exit).</summary>
    Removed,
}

/// <summary>The shell should run this node's shutdown for <paramref name="Reason"/>.</summary>
internal sealed record ShutdownRequested(ShutdownReason Reason) : ICoreEffect;

/// <summary>Why an input was ignored.</summary>
internal enum DropReason
{
    NotInitialized,
    AlreadyJoined,
    ForeignCluster,
    WrongIncarnation,
    UnknownSender,
    UnreachableSender,
    NotInGossip,
    RemovedIncarnation,
    UnknownMember,
    SelfNotAvailable,
    UnexpectedWelcome,
    Stale,
}

/// <summary>An input was dropped; the shell logs it and counts it per reason.</summary>
internal sealed record InputDropped(DropReason Reason, string Detail) : ICoreEffect;

/// <summary>What happened that an operator would want to read in the log.</summary>
internal enum NoteKind
{
    FormedNewCluster,
    JoinRequested,
    JoinRetried,
    Welcomed,
    NewIncarnationReplaced,
    MemberMarkedUnreachable,
    MemberMarkedReachable,
    DowningDecision,
}

/// <summary>A fact for the log, at the level the shell picks for its kind.</summary>
internal sealed record Noted(NoteKind Kind, string Detail) : ICoreEffect;
