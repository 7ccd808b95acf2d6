using Akka.Actor;

namespace AkkaConvergence;

/// <summary>
/// Starts <see cref="ConvergenceCluster"/> with the ActorSystem when listed in <c>akka.extensions</c>:
/// <c>akka.extensions = ["AkkaConvergence.ConvergenceClusterExtension, AkkaConvergence"]</c>.
/// </summary>
public sealed class ConvergenceClusterExtension : ExtensionIdProvider<ConvergenceCluster>
{
    /// <summary>Creates the extension for <paramref name="system"/>.</summary>
    public override ConvergenceCluster CreateExtension(ExtendedActorSystem system) => new(system);
}
