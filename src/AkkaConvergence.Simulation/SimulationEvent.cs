using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>What happens at one instant of virtual time.</summary>
internal enum SimulationEventKind
{
    /// <summary>A message arrives at whichever incarnation lives at the slot.</summary>
    Deliver,

    /// <summary>A local input (command, wake-up) for one incarnation; ignored once it is gone.</summary>
    Input,

    /// <summary>A scenario action.</summary>
    Action,
}

/// <summary>One scheduled event.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Slot">The slot it is for (-1 for actions).</param>
/// <param name="Uid">The incarnation an input is for (0 for deliveries, which go to whoever lives at the slot).</param>
/// <param name="Input">The message or input.</param>
/// <param name="Action">The scenario action.</param>
/// <param name="WakeUpGeneration">For wake-ups: the node's timer generation when it was set; a later request replaces it.</param>
internal sealed record SimulationEvent(SimulationEventKind Kind, int Slot, long Uid, ICoreInput? Input, Action? Action, long WakeUpGeneration = 0);
