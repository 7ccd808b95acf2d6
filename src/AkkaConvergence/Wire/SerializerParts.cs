using System.Runtime.CompilerServices;
using Akka.Actor;
using AkkaConvergence.Diagnostics;

namespace AkkaConvergence.Wire;

/// <summary>
/// What the serializer of one ActorSystem needs beyond the system (its frame: label and keys; its
/// meter), registered by the extension before it binds the serializer through configuration, so
/// every instance Akka builds (again after each configuration change) uses the same ones.
/// </summary>
internal sealed record SerializerParts(WireFrame Frame, ConvergenceMeter? Meter)
{
    private static readonly ConditionalWeakTable<ActorSystem, SerializerParts> BySystem = new();

    public static void Register(ActorSystem system, SerializerParts parts) => BySystem.AddOrUpdate(system, parts);

    /// <exception cref="InvalidOperationException">The serializer was bound without the extension (a hand-written binding).</exception>
    public static SerializerParts Of(ActorSystem system) =>
        BySystem.TryGetValue(system, out var parts)
            ? parts
            : throw new InvalidOperationException(
                $"The convergence serializer of ActorSystem '{system.Name}' was created before the AkkaConvergence extension started; start it with ConvergenceCluster.Get(system) (or akka.extensions) instead of binding the serializer by hand.");
}
