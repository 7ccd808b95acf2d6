namespace AkkaConvergence.Simulation;

/// <summary>A protocol invariant broke during a simulation; the message names the seed, step, time and node to replay it.</summary>
public sealed class SimulationInvariantException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulationInvariantException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public SimulationInvariantException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public SimulationInvariantException()
    {
    }
}
