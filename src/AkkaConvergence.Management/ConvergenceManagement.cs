using Akka.Actor;
using Akka.Event;

namespace AkkaConvergence.Management;

/// <summary>
/// The management extension of one ActorSystem: keeps its recent cluster events and, with
/// <c>akka.convergence.management.enabled = on</c>, serves the endpoints and the page from a small
/// Kestrel server of its own (loopback by default), stopped with the ActorSystem. Start it with
/// <see cref="Get(ActorSystem)"/> or <c>akka.extensions = ["AkkaConvergence.Management.ConvergenceManagementExtension, AkkaConvergence.Management"]</c>.
/// </summary>
public sealed class ConvergenceManagement : IExtension
{
    private readonly ManagementServer? _server;

    internal ConvergenceManagement(ExtendedActorSystem system)
    {
        system.Settings.InjectTopLevelFallback(ManagementConfig.Reference);
        Settings = ManagementSettings.Create(system.Settings.Config);
        var cluster = ConvergenceCluster.Get(system);
        Events = new RecentClusterEvents(Settings.RecentEvents, TimeProvider.System);
        Events.Start(system, cluster);
        if (!Settings.Enabled)
        {
            Bound = Task.FromException<Uri>(new InvalidOperationException("The management endpoint is off (akka.convergence.management.enabled = off)."));
            Bound.Exception?.Handle(_ => true); // Nobody has to observe it.
            return;
        }

        _server = new ManagementServer(system, this, cluster, Logging.GetLogger(system, typeof(ConvergenceManagement)));
        Bound = Task.Run(_server.StartAsync); // Off the caller's thread: the extension is still being created.
    }

    /// <summary>The validated <c>akka.convergence.management</c> settings.</summary>
    public ManagementSettings Settings { get; }

    /// <summary>
    /// Completes with the server's base address (e.g. <c>http://127.0.0.1:8558/</c>) once it listens;
    /// fails when it is off or could not bind (the error is also logged).
    /// </summary>
    public Task<Uri> Bound { get; }

    internal RecentClusterEvents Events { get; }

    /// <summary>The extension of <paramref name="system"/>, started on first use (it starts <see cref="ConvergenceCluster"/> too).</summary>
    /// <exception cref="Akka.Configuration.ConfigurationException">A management setting is invalid (the message names the key).</exception>
    public static ConvergenceManagement Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<ConvergenceManagement, ConvergenceManagementExtension>();
    }
}
