namespace AkkaConvergence.FailureDetection;

/// <summary>
/// Lifeguard's local health score (memberlist's <c>awareness.go</c>): a saturating counter from 0
/// (healthy) to max − 1. Evidence that this node itself is slow raises it — probes whose helpers'
/// nacks never came, having to refute a suspicion about itself, timers that fire late — and every
/// successful probe lowers it. Probe interval and indirect-probe wait are stretched by
/// <c>score + 1</c>, and a node with a score above 0 accuses no one.
/// </summary>
/// <param name="Score">0 = healthy.</param>
/// <param name="Max">awareness-max-multiplier: the score stays below it.</param>
internal readonly record struct Awareness(int Score, int Max)
{
    public bool IsHealthy => Score == 0;

    public Awareness Apply(int delta) => this with { Score = Math.Clamp(Score + delta, 0, Math.Max(0, Max - 1)) };

    /// <summary>A duration stretched by this node's health: <c>millis × (score + 1)</c>.</summary>
    public long Scale(long millis) => millis * (Score + 1);
}
