using System.Collections.Immutable;
using AkkaConvergence.FailureDetection;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>One incarnation running in the simulator: a core state, its own seeded random source, and whether it is alive.</summary>
internal sealed class SimulatedNode
{
    private MonitoredNodes? _monitored;

    public SimulatedNode(int slot, CoreState state, Random random)
    {
        Slot = slot;
        State = state;
        Random = random;
    }

    public int Slot { get; }

    public UniqueAddress Self => State.Self;

    public CoreState State { get; set; }

    public Random Random { get; }

    public bool IsAlive { get; set; } = true;

    /// <summary>Whether this node's view currently satisfies the scenario's goal.</summary>
    public bool ReachedGoal { get; set; }

    /// <summary>The nodes this node heartbeats and monitors (recomputed when its member set changes).</summary>
    public ImmutableArray<UniqueAddress> MonitoredNodes(int monitoredByNrOfMembers)
    {
        _monitored ??= new MonitoredNodes(Self, monitoredByNrOfMembers);
        return _monitored.Among(State.Gossip.Members);
    }
}
