using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AkkaConvergence.Hosting;

/// <summary>Akka.Hosting support: start AkkaConvergence with the ActorSystem an app builds in <c>AddAkka</c>.</summary>
public static class ConvergenceHostingExtensions
{
    /// <summary>
    /// Configures <c>akka.convergence</c> from <paramref name="options"/> (set properties win over
    /// HOCON; the rest keeps HOCON's values) and starts the extension with the ActorSystem, so the
    /// node joins its seed nodes at start. Combine with Akka.Remote.Hosting's <c>WithRemoting</c>
    /// (the extension needs <c>akka.actor.provider = remote</c>). Stopping the host leaves the
    /// cluster gracefully (CoordinatedShutdown).
    /// </summary>
    /// <exception cref="Akka.Configuration.ConfigurationException">At start, when an option is invalid (the message names the key).</exception>
    public static AkkaConfigurationBuilder WithConvergenceCluster(this AkkaConfigurationBuilder builder, ConvergenceClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder
            .AddHocon(ConvergenceHocon.From(options), HoconAddMode.Prepend)
            .AddStartup((system, _) => ConvergenceCluster.Get(system));
    }

    /// <summary>
    /// Makes <see cref="ConvergenceCluster"/> resolvable from DI (the extension of the ActorSystem
    /// that <c>AddAkka</c> registers). Akka.Hosting's builder cannot register services itself, so
    /// call this beside <c>AddAkka</c>; <c>AddHealthChecks().AddConvergenceCluster()</c> calls it too.
    /// </summary>
    public static IServiceCollection AddConvergenceCluster(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => ConvergenceCluster.Get(provider.GetRequiredService<ActorSystem>()));
        return services;
    }
}
