using System.Net;
using Akka.Actor;
using Akka.Event;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

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
        WebApplication? app = null;
        try
        {
            // An empty builder: no appsettings.json, environment or Kestrel section of the host
            // process, whose own endpoints this server must never try to bind.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore();
            builder.Services.AddRouting();
            var address = await ResolveAsync(_settings.Hostname);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, _settings.Port));
            app = builder.Build();
            var hosts = new HostFilter(_settings.Hostname);
            app.Use(async (context, next) =>
            {
                if (hosts.Accepts(context.Request))
                {
                    await next(context);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status400BadRequest; // As ASP.NET Core's own host filtering answers.
                await context.Response.WriteAsync($"Host '{context.Request.Host.Host}' is not a name this management endpoint listens as.");
            });
            app.UseRouting();
            ManagementEndpoints.Map(app, _management, _cluster, prefix: string.Empty);

            // The stop hooks before listening: a system that terminates meanwhile still frees the port.
            var running = app;
            var stopped = 0;
            async Task Stop()
            {
                if (Interlocked.Exchange(ref stopped, 1) == 0)
                {
                    await running.DisposeAsync();
                }
            }

            CoordinatedShutdown.Get(_system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "convergence-management-stop", async () =>
            {
                await Stop();
                return Akka.Done.Instance;
            });
            _system.RegisterOnTermination(() => _ = Stop()); // Also when the system stops without CoordinatedShutdown.
            await app.StartAsync();
            var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
            _log.Info("Convergence management: serving the cluster endpoints and the live page at {0}{1}.", bound, _settings.BearerToken.Length > 0 ? " (bearer token required)" : string.Empty);
            return bound;
        }
        catch (Exception e)
        {
            _log.Error(e, "Convergence management: could not serve on {0}:{1}: {2}", _settings.Hostname, _settings.Port, e.Message);
            if (app is not null)
            {
                await app.DisposeAsync();
            }

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
