using Akka.Actor;
using Akka.Hosting;
using Akka.Remote.Hosting;
using AkkaConvergence.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests.Hosting;

/// <summary>Three generic hosts, each an Akka.Hosting app with WithRemoting + WithConvergenceCluster.</summary>
public sealed class HostingTests : IAsyncDisposable
{
    private const string FastTimings = """
        akka.convergence {
          leader-actions-interval = 200ms
          periodic-tasks-initial-delay = 100ms
          seed-node-timeout = 1s
          failure-detector.heartbeat-interval = 200ms
        }
        """;

    private readonly List<IHost> _hosts = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync(DefaultWait);
            host.Dispose();
        }
    }

    [Fact]
    public async Task Three_hosts_converge_and_a_stopped_host_leaves_gracefully()
    {
        var ports = new[] { FreePort(), FreePort(), FreePort() };
        var seeds = new[] { $"akka.tcp://hosted@127.0.0.1:{ports[0]}" };
        foreach (var port in ports)
        {
            _hosts.Add(await StartHost(port, new ConvergenceClusterOptions
            {
                SeedNodes = seeds,
                Roles = port == ports[0] ? ["seed", "web"] : ["web"],
                GossipInterval = TimeSpan.FromMilliseconds(200),
                Downing = new KeepMajorityOption { StableAfter = TimeSpan.FromSeconds(2) },
            }));
        }

        var clusters = _hosts.Select(h => h.Services.GetRequiredService<ConvergenceCluster>()).ToList();
        await AwaitCondition(
            () => clusters.All(c => c.State is { IsConverged: true, Members.Count: 3 } s && s.Members.All(m => m.Status == MemberStatus.Up)),
            "three hosted nodes Up and converged");
        Assert.Equal(["seed", "web"], clusters[0].SelfRoles.Order());
        Assert.Equal(TimeSpan.FromMilliseconds(200), clusters[0].Settings.GossipInterval); // The option won over reference.conf's 1 s.
        Assert.Equal(TimeSpan.FromMilliseconds(200), clusters[0].Settings.LeaderActionsInterval); // HOCON still applies where no option is set.
        Assert.Same(ConvergenceCluster.Get(_hosts[0].Services.GetRequiredService<ActorSystem>()), clusters[0]);
        var health = await _hosts[1].Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Status);

        var leaver = clusters[2].SelfUniqueAddress;
        var (collector, received) = EventCollectors.Start(_hosts[0].Services.GetRequiredService<ActorSystem>());
        clusters[0].Subscribe(collector, InitialStateMode.AsEvents, typeof(MemberRemoved), typeof(UnreachableMember));
        await _hosts[2].StopAsync(DefaultWait);

        await AwaitCondition(
            () => clusters.Take(2).All(c => c.State.Members.Count == 2 && c.State.IsConverged),
            "the stopped host is removed from the others' views");
        Assert.True(clusters[2].IsTerminated);
        await AwaitCondition(() => received.OfType<MemberRemoved>().Any(r => r.Member.UniqueAddress == leaver), "MemberRemoved published");
        Assert.Equal(MemberStatus.Exiting, received.OfType<MemberRemoved>().Single(r => r.Member.UniqueAddress == leaver).PreviousStatus); // Left, not downed.
        Assert.Empty(received.OfType<UnreachableMember>()); // No one had to detect a failure.
    }

    [Fact]
    public async Task Invalid_options_fail_the_host_start_with_the_key_named()
    {
        var port = FreePort();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartHost(port, new ConvergenceClusterOptions { MinNrOfMembers = 0 }));

        Assert.Contains("akka.convergence.min-nr-of-members", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : $"{error.Message} {Flatten(error.InnerException)}";

    private async Task<IHost> StartHost(int port, ConvergenceClusterOptions options)
    {
        var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddAkka("hosted", builder => builder
                    .AddHocon(FastTimings, HoconAddMode.Append)
                    .WithRemoting("127.0.0.1", port)
                    .WithConvergenceCluster(options));
                services.AddHealthChecks().AddConvergenceCluster();
            })
            .Build();
        try
        {
            await host.StartAsync().WaitAsync(DefaultWait);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
