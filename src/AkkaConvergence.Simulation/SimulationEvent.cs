using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>What happens at one instant of virtual time.</summary>
internal enum SimulationEventKind
{
    /// <summary>A message arrives at whichever incarnation lives at the slot.</summary>
    Deliver,

    /// <summary>A periodic tick of one incarnation (ignored once it is gone).</summary>
    Tick,

    /// <summary>A local input (command) for one incarnation.</summary>
    Input,

    /// <summary>A scenario action.</summary>
    Action,
}

/// <summary>One scheduled event.</summary>
internal sealed record SimulationEvent(SimulationEventKind Kind, int Slot, long Uid, ICoreInput? Input, Action? Action, TimeSpan Period = default);
