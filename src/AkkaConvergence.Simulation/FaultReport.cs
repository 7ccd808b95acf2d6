namespace AkkaConvergence.Simulation;

/// <summary>
/// What a fault scenario (pauses, starvation, loss, a lossy or one-way link) did. Nobody fails in
/// these scenarios, so every unreachable mark is a false one and every downed member a healthy one.
/// </summary>
/// <param name="FaultSeconds">Virtual seconds the fault lasted.</param>
/// <param name="ObservedSeconds">Virtual seconds over which marks were counted (the fault and a quiet minute after it).</param>
/// <param name="FalseMarks">Times a node marked a (healthy) member unreachable.</param>
/// <param name="MarksByImpairedNodes">Of those, made by a node that was itself paused or starved in the last 5 s (it was the slow one).</param>
/// <param name="MarksOfImpairedNodes">Of those, about a node that was paused or starved in the last 5 s.</param>
/// <param name="FalseMarksPerNodeHour">False marks per node per hour of observation.</param>
/// <param name="HealthyMembersDowned">Members the downing strategy downed (all healthy).</param>
/// <param name="Recovered">After the fault, every node is Up, reachable and on one converged version again.</param>
public sealed record FaultReport(
    double FaultSeconds,
    double ObservedSeconds,
    long FalseMarks,
    long MarksByImpairedNodes,
    long MarksOfImpairedNodes,
    double FalseMarksPerNodeHour,
    int HealthyMembersDowned,
    bool Recovered);
