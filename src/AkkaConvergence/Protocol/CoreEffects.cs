using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.KeyValue;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>
/// Something the shell must carry out, or a fact it should log or count. Each kind calls its own
/// method of <see cref="ICoreShell"/>, so a shell that forgets a kind does not compile.
/// </summary>
internal interface ICoreEffect
{
    /// <summary>Carries the effect out; returns an input the driver must step next (after the current effects), if any.</summary>
    ICoreInput? ApplyTo(ICoreShell shell);
}

/// <summary>Send <paramref name="Message"/> to the core of the node at <paramref name="To"/>.</summary>
internal sealed record Send(Address To, IClusterMessage Message) : ICoreEffect
{
    public ICoreInput? ApplyTo(ICoreShell shell)
    {
        shell.Send(To, Message);
        return null;
    }
}

/// <summary>
/// Feed <see cref="WakeUp"/> to the core at <paramref name="AtMillis"/> (monotonic, on the clock of
/// the step's <see cref="CoreTime.Millis"/>). Replaces any earlier request: the core always asks for
/// its earliest deadline, so one replaceable timer per node is all a shell needs.
/// </summary>
internal sealed record ScheduleWakeUp(long AtMillis) : ICoreEffect
{
    public ICoreInput? ApplyTo(ICoreShell shell)
    {
        shell.ScheduleWakeUp(AtMillis);
        return null;
    }
}

/// <summary>This node's view changed (publish event diffs).</summary>
internal sealed record MembershipChanged(MembershipState Previous, MembershipState Current, bool IsConverged) : ICoreEffect
{
    public ICoreInput? ApplyTo(ICoreShell shell)
    {
        shell.OnMembershipChanged(this);
        return null;
    }
}

/// <summary>
/// This node's key/value store changed (publish it, then the changes of other owners' entries as
/// events). <paramref name="Changes"/> lists the entries whose visible value changed, self's included.
/// </summary>
internal sealed record KeyValueChanged(StateStore Store, ImmutableArray<(UniqueAddress Owner, string Key)> Changes) : ICoreEffect
{
    public ICoreInput? ApplyTo(ICoreShell shell)
    {
        shell.OnKeyValueChanged(this);
        return null;
    }
}

/// <summary>
/// The leader is ready to make these moves. The shell offers each to the leader-action hooks; the
/// approved ones come back as <see cref="ApplyLeaderTransitions"/>, stepped after this step's other
/// effects. A move held back leaves the member where it is, which never blocks convergence.
/// </summary>
internal sealed record LeaderTransitionsProposed(ImmutableList<MemberTransition> Transitions, MembershipState State, bool IsConverged) : ICoreEffect
{
    public ICoreInput? ApplyTo(ICoreShell shell) => new ApplyLeaderTransitions(shell.ApproveLeaderTransitions(this));
}

/// <summary>The leader applied these moves (for hooks' OnApplied).</summary>
internal sealed record LeaderTransitionsApplied(ImmutableList<MemberTransition> Transitions, MembershipState State, bool IsConverged) : ICoreEffect
{
    public ICoreInput? ApplyTo(ICoreShell shell)
    {
        shell.OnLeaderTransitionsApplied(this);
        return null;
    }
}

/// <summary>Why this node's membership ends.</summary>
internal enum ShutdownReason
{
    /// <summary>This node became Exiting: run the exit tasks, then send <see cref="ExitingCompleted"/>.</summary>
    Exiting,

    /// <summary>This node was marked Down.</summary>
    Downed,

    /// <summary>This node was removed (or has completed its exit).</summary>
    Removed,

    /// <summary>The cluster refused this node's join: their settings conflict. It never became a member.</summary>
    JoinRefused,
}

/// <summary>The shell should run this node's shutdown for <paramref name="Reason"/>.</summary>
internal sealed record ShutdownRequested(ShutdownReason Reason) : ICoreEffect
{
    public ICoreInput? ApplyTo(ICoreShell shell)
    {
        shell.OnShutdownRequested(Reason);
        return null;
    }
}

/// <summary>Why an input was ignored.</summary>
internal enum DropReason
{
    /// <summary>This node has not joined a cluster yet.</summary>
    NotInitialized,

    /// <summary>This incarnation's membership has ended; it takes no more input.</summary>
    Terminated,

    /// <summary>A join was asked for, but this incarnation has joined (or ended) already.</summary>
    AlreadyJoined,

    /// <summary>The address belongs to another actor system or transport.</summary>
    ForeignCluster,

    /// <summary>The message is addressed to another incarnation (or claims this node's own address).</summary>
    WrongIncarnation,

    /// <summary>The sender is not a member.</summary>
    UnknownSender,

    /// <summary>This node marks the sender unreachable.</summary>
    UnreachableSender,

    /// <summary>The gossip does not contain this node.</summary>
    NotInGossip,

    /// <summary>The sender (or joiner) is an incarnation that was removed.</summary>
    RemovedIncarnation,

    /// <summary>The command names no member (or no usable seed).</summary>
    UnknownMember,

    /// <summary>This node cannot take joiners in its current status.</summary>
    SelfNotAvailable,

    /// <summary>A Welcome that this node did not ask for.</summary>
    UnexpectedWelcome,

    /// <summary>The input no longer applies (e.g. approved transitions after leadership moved on).</summary>
    Stale,

    /// <summary>A joiner whose settings conflict with this cluster's (see <see cref="JoinCompatibility"/>).</summary>
    IncompatibleSettings,

    /// <summary>A join refusal from a node this node is not joining through.</summary>
    UnexpectedRefusal,

    /// <summary>A key/value write (own or a peer's) past a quota of <c>gossip-state</c>.</summary>
    StateQuotaExceeded,

    /// <summary>A local command with an argument out of range (the public API checks first; this guards the core).</summary>
    InvalidCommand,
}

/// <summary>
/// An input was dropped; the shell logs it and counts it per reason. The fields are facts, not
/// prose: the shell words them.
/// </summary>
/// <param name="Reason">Why.</param>
/// <param name="Input">The kind of input (its type name).</param>
/// <param name="Node">The incarnation the input came from or was about, when known.</param>
/// <param name="Address">The address the input came from or was about, when no incarnation is known.</param>
/// <param name="Detail">What exactly was wrong, when the reason alone does not say (e.g. which settings conflict).</param>
internal sealed record InputDropped(DropReason Reason, string Input, UniqueAddress? Node = null, Address? Address = null, string? Detail = null) : ICoreEffect
{
    public ICoreInput? ApplyTo(ICoreShell shell)
    {
        shell.OnInputDropped(this);
        return null;
    }
}
