using System.Net;
using Akka.Actor;
using Akka.Event;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AkkaConvergence.Management;

/// <summary>The Kestrel server an ActorSystem runs for its endpoints when management is enabled; stopped with the system.</summary>
internal sealed class ManagementServer
{
    private readonly ActorSystem _system;
    private readonly ConvergenceManagement _management;
    private readonly ConvergenceCluster _cluster;
    private readonly ManagementSettings _settings;
    private readonly ILoggingAdapter _log;

    public ManagementServer(ActorSystem system, ConvergenceManagement management, ConvergenceCluster cluster, ILoggingAdapter log)
    {
        _system = system;
        _management = management;
        _cluster = cluster;
        _settings = management.Settings;
        _log = log;
    }

    public async Task<Uri> StartAsync()
    {
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders(); // The Akka log says what matters (bound, failed); Kestrel's own lines stay out of the app's output.
            var address = await ResolveAsync(_settings.Hostname);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, _settings.Port));
            var app = builder.Build();
            ManagementEndpoints.Map(app, _management, _cluster, prefix: string.Empty);
            await app.StartAsync();
            var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

            var stopped = 0;
            async Task Stop()
            {
                if (Interlocked.Exchange(ref stopped, 1) == 0)
                {
                    await app.DisposeAsync();
                }
            }

            CoordinatedShutdown.Get(_system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "convergence-management-stop", async () =>
            {
                await Stop();
                return Akka.Done.Instance;
            });
            _system.RegisterOnTermination(() => _ = Stop()); // Also when the system stops without CoordinatedShutdown.
            _log.Info("Convergence management: serving the cluster endpoints and the live page at {0}{1}.", bound, _settings.BearerToken.Length > 0 ? " (bearer token required)" : string.Empty);
            return bound;
        }
        catch (Exception e)
        {
            _log.Error(e, "Convergence management: could not listen on {0}:{1}: {2}", _settings.Hostname, _settings.Port, e.Message);
            throw;
        }
    }

    private static async Task<IPAddress> ResolveAsync(string hostname)
    {
        if (IPAddress.TryParse(hostname, out var address))
        {
            return address;
        }

        if (hostname.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        var addresses = await Dns.GetHostAddressesAsync(hostname);
        return addresses.FirstOrDefault() ?? throw new InvalidOperationException($"The host name '{hostname}' resolves to no address.");
    }
}
