namespace AkkaConvergence.Cli.Local;

/// <summary>One measured step of the tour.</summary>
/// <param name="Step">Step name: formation, join, state, consensus, leave, starved, crash-unreachable, crash-removed, restart.</param>
/// <param name="Description">What happened, in words.</param>
/// <param name="Millis">Wall-clock milliseconds from the action until every live node's view showed the result, converged.</param>
/// <param name="Converged">False if the result was not reached within the step's time limit.</param>
internal sealed record StepTiming(string Step, string Description, long Millis, bool Converged);
