using System.Collections.Immutable;
using Akka.Actor;

namespace AkkaConvergence.Protocol;

/// <summary>Anything that can drive one step of the core: a command, a message or a wake-up.</summary>
internal interface ICoreInput
{
}

/// <summary>The shell started this core: its periodic schedule begins.</summary>
internal sealed record Started : ICoreInput
{
    public static readonly Started Instance = new();
}

/// <summary>
/// The wake-up the core last asked for with <see cref="ScheduleWakeUp"/> is due: whatever is due
/// runs (gossip rounds, leader actions, heartbeats and reaping, join resends, pending pushes).
/// </summary>
internal sealed record WakeUp : ICoreInput
{
    public static readonly WakeUp Instance = new();
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

/// <summary>
/// The transitions (of those proposed by <see cref="LeaderTransitionsProposed"/>) that the
/// leader-action hooks approved. The core re-checks them against its current state.
/// </summary>
internal sealed record ApplyLeaderTransitions(ImmutableList<MemberTransition> Approved) : ICoreInput;

/// <summary>
/// The transport lost or could not make a connection to <paramref name="Address"/> (Akka.Remote's
/// disassociation or association error): evidence that the process there may be gone, to check
/// at once rather than on the next probe round.
/// </summary>
internal sealed record TransportFailure(Akka.Actor.Address Address) : ICoreInput;
