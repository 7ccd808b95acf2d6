namespace AkkaConvergence.Hosting;

/// <summary>When <see cref="ConvergenceClusterHealthCheck"/> reports Degraded.</summary>
public sealed class ConvergenceHealthCheckOptions
{
    /// <summary>A node whose view has not been converged for longer than this is Degraded (30 s by default; a join or leave converges in well under 1 s).</summary>
    public TimeSpan DegradedWhenUnconvergedFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether unreachable members make the node Degraded (on by default).</summary>
    public bool DegradedWhenMembersUnreachable { get; set; } = true;
}
