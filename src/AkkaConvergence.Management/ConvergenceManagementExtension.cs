using Akka.Actor;

namespace AkkaConvergence.Management;

/// <summary>Starts <see cref="ConvergenceManagement"/> with the ActorSystem when listed in <c>akka.extensions</c>.</summary>
public sealed class ConvergenceManagementExtension : ExtensionIdProvider<ConvergenceManagement>
{
    /// <summary>Creates the extension for <paramref name="system"/>.</summary>
    public override ConvergenceManagement CreateExtension(ExtendedActorSystem system) => new(system);
}
