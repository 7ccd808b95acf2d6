using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AkkaConvergence.Hosting;

/// <summary>Registers <see cref="ConvergenceClusterHealthCheck"/> with ASP.NET Core / Microsoft.Extensions health checks.</summary>
public static class ConvergenceHealthCheckExtensions
{
    /// <summary>
    /// Adds the cluster health check of the ActorSystem in DI (the one <c>AddAkka</c> registers), and
    /// makes <see cref="ConvergenceCluster"/> resolvable from DI.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name ("akka-convergence" by default).</param>
    /// <param name="configure">Changes when the check reports Degraded.</param>
    /// <param name="tags">Tags to filter checks by, e.g. "ready" for a readiness endpoint.</param>
    public static IHealthChecksBuilder AddConvergenceCluster(
        this IHealthChecksBuilder builder,
        string name = "akka-convergence",
        Action<ConvergenceHealthCheckOptions>? configure = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ConvergenceHealthCheckOptions();
        configure?.Invoke(options);
        builder.Services.AddConvergenceCluster();
        return builder.Add(new HealthCheckRegistration(
            name,
            provider => new ConvergenceClusterHealthCheck(provider.GetRequiredService<ConvergenceCluster>(), options, provider.GetService<TimeProvider>()),
            failureStatus: null,
            tags));
    }
}
