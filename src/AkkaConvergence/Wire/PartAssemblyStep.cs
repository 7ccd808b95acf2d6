namespace AkkaConvergence.Wire;

/// <summary>
/// The next assembly, what became of the part, the whole frame when it completed one, and how many
/// other unfinished frames were given up (a frame dropped as <see cref="PartOutcome.Mismatched"/>
/// or <see cref="PartOutcome.TooLarge"/> is not counted among them).
/// </summary>
internal readonly record struct PartAssemblyStep(PartAssembly Next, PartOutcome Outcome, string? Manifest, byte[]? Frame, int Abandoned);
