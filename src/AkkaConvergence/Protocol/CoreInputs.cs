using System.Collections.Immutable;
using Akka.Actor;

namespace AkkaConvergence.Protocol;

/// <summary>Anything that can drive one step of the core: a command, a message or a tick.</summary>
internal interface ICoreInput
{
}

/// <summary>Join the node at <paramref name="Address"/>; joining one's own address forms a new cluster.</summary>
internal sealed record JoinCommand(Address Address) : ICoreInput;

/// <summary>Join a cluster through its seed nodes (the first seed alone may form a new one).</summary>
internal sealed record JoinSeedNodesCommand(ImmutableList<Address> SeedNodes) : ICoreInput;

/// <summary>Ask the member at <paramref name="Address"/> to leave gracefully.</summary>
internal sealed record LeaveCommand(Address Address) : ICoreInput;

/// <summary>Mark the member at <paramref name="Address"/> as Down.</summary>
internal sealed record DownCommand(Address Address) : ICoreInput;

/// <summary>This node's own exit tasks (e.g. CoordinatedShutdown phases) have completed.</summary>
internal sealed record ExitingCompleted : ICoreInput
{
    public static readonly ExitingCompleted Instance = new();
}

/// <summary>Periodic: gossip to a random member, retry joins.</summary>
internal sealed record GossipTick : ICoreInput
{
    public static readonly GossipTick Instance = new();
}

/// <summary>A wake-up the core asked for with <see cref="ScheduleWakeUp"/>: deadlines and pending pushes are due.</summary>
internal sealed record WakeUp : ICoreInput
{
    public static readonly WakeUp Instance = new();
}

/// <summary>Periodic: leader actions, downing, self-down handling.</summary>
internal sealed record LeaderActionsTick : ICoreInput
{
    public static readonly LeaderActionsTick Instance = new();
}

/// <summary>Periodic: the failure detector's verdicts — the members it currently considers unavailable.</summary>
internal sealed record ReachabilityObserved(ImmutableHashSet<UniqueAddress> Unavailable) : ICoreInput;

/// <summary>
/// The transitions (of those proposed by <see cref="LeaderTransitionsProposed"/>) that the
/// leader-action hooks approved. The core re-checks them against its current state.
/// </summary>
internal sealed record ApplyLeaderTransitions(ImmutableList<MemberTransition> Approved) : ICoreInput;
