using System.CommandLine;
using System.Runtime.InteropServices;
using Akka.Actor;
using AkkaConvergence.Management;
using Akka.Configuration;

namespace AkkaConvergence.Cli;

/// <summary>
/// <c>node</c>: one real cluster node in this process, so a cluster can span processes and
/// machines. Prints member events; leaves gracefully on Ctrl+C or SIGTERM.
/// </summary>
internal static class NodeCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var port = new Option<int>("--port") { Description = "TCP port to listen on (0 = any free port).", Required = true };
        var host = new Option<string>("--host") { Description = "Host name or IP to bind and advertise.", DefaultValueFactory = _ => "127.0.0.1" };
        var seeds = new Option<string[]>("--seed") { Description = "Seed node as host:port (repeat for several; include this node's own to let it form the cluster).", Required = true, AllowMultipleArgumentsPerToken = true };
        var roles = new Option<string?>("--roles") { Description = "Comma-separated roles, e.g. backend,seed." };
        var config = new Option<FileInfo?>("--config") { Description = "A HOCON file whose settings override the defaults." };
        var system = new Option<string>("--system") { Description = "ActorSystem name; every node of a cluster uses the same.", DefaultValueFactory = _ => "convergence" };
        var management = new Option<int?>("--management-port") { Description = "Serve the management endpoint and live page on 127.0.0.1 at this port (0 = any free port); off when not given." };
        var faults = new Option<bool>("--fault-injection") { Description = "For fault-injection tests: run the links through Akka's throttler (akka.trttl.tcp) and read 'blackhole HOST:PORT' / 'pass HOST:PORT' lines from stdin. Every node of the cluster needs it." };
        var command = new Command("node", "Run one cluster node; print member events; leave gracefully on Ctrl+C or SIGTERM.")
        {
            port, host, seeds, roles, config, system, management, faults,
        };
        command.SetAction(async (parse, token) =>
        {
            Config settings;
            try
            {
                settings = BuildConfig(parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(system)!, parse.GetValue(seeds)!, parse.GetValue(roles), parse.GetValue(config), parse.GetValue(management), parse.GetValue(faults));
            }
            catch (Exception e) when (e is ArgumentException or IOException or ConfigurationException)
            {
                await errors.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            return await Run(parse.GetValue(system)!, settings, output, errors, parse.GetValue(faults));
        });
        return command;
    }

    public static Config BuildConfig(string host, int port, string systemName, IReadOnlyList<string> seeds, string? roles, FileInfo? file, int? managementPort = null, bool faultInjection = false)
    {
        if (port is < 0 or > 65535)
        {
            throw new ArgumentException($"--port must be between 0 and 65535, was {port}.");
        }

        if (managementPort is < 0 or > 65535)
        {
            throw new ArgumentException($"--management-port must be between 0 and 65535, was {managementPort}.");
        }

        var seedAddresses = seeds.Select(seed =>
        {
            var parts = seed.Split(':');
            if (parts.Length != 2 || parts[0].Length == 0 || !int.TryParse(parts[1], out var seedPort) || seedPort is <= 0 or > 65535)
            {
                throw new ArgumentException($"--seed must be host:port, was '{seed}'.");
            }

            return $"\"{(faultInjection ? FaultInjection.Protocol : "akka.tcp")}://{systemName}@{parts[0]}:{seedPort}\"";
        });
        var roleList = (roles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => $"\"{r}\"");
        var overrides = file is null ? Config.Empty : ConfigurationFactory.ParseString(File.ReadAllText(file.FullName));
        return overrides.WithFallback(ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = INFO
              actor.provider = remote
              remote.dot-netty.tcp { hostname = "{{host}}", port = {{port}}{{(faultInjection ? ", applied-adapters = [trttl]" : string.Empty)}} }
              convergence {
                seed-nodes = [{{string.Join(", ", seedAddresses)}}]
                roles = [{{string.Join(", ", roleList)}}]
                management {
                  enabled = {{(managementPort is null ? "off" : "on")}}
                  port = {{managementPort ?? 0}}
                }
              }
            }
            """));
    }

    private static async Task<int> Run(string systemName, Config config, TextWriter output, TextWriter errors, bool faultInjection)
    {
        ActorSystem system;
        ConvergenceCluster cluster;
        ConvergenceManagement management;
        try
        {
            system = ActorSystem.Create(systemName, config);
        }
        catch (Exception e) when (e is ConfigurationException or ArgumentException)
        {
            await errors.WriteLineAsync($"error: {e.Message}");
            return 2;
        }

        try
        {
            cluster = ConvergenceCluster.Get(system);
            management = ConvergenceManagement.Get(system);
        }
        catch (Exception e) when (e is ConfigurationException or ArgumentException)
        {
            await errors.WriteLineAsync($"error: {e.Message}");
            await system.Terminate();
            return 2;
        }

        if (management.Settings.Enabled)
        {
            try
            {
                output.WriteLine($"Management endpoint and live page: {await management.Bound.WaitAsync(TimeSpan.FromSeconds(30))}");
            }
            catch (Exception e)
            {
                // The node runs on without it; the reason (port in use, unknown host, ...) is logged too.
                await errors.WriteLineAsync($"error: the management endpoint could not start: {e.Message}");
            }
        }

        var printer = system.ActorOf(Props.Create(() => new EventPrinter(output)), "event-printer");
        cluster.Subscribe(printer, InitialStateMode.AsEvents, typeof(IMemberEvent), typeof(IReachabilityEvent), typeof(LeaderChanged));
        output.WriteLine($"Node {cluster.SelfUniqueAddress} started; joining {string.Join(", ", cluster.Settings.SeedNodes)}. Ctrl+C or SIGTERM leaves gracefully.");

        if (faultInjection)
        {
            output.WriteLine("Fault injection on: stdin takes 'blackhole HOST:PORT' and 'pass HOST:PORT'.");
            _ = Task.Run(() => FaultInjection.ReadCommands(system, Console.In, output));
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Leave);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Leave);
        await system.WhenTerminated.ConfigureAwait(false);
        output.WriteLine($"Node {cluster.SelfUniqueAddress} stopped (member status {cluster.SelfMember.Status}).");
        return 0;

        void Leave(PosixSignalContext context)
        {
            context.Cancel = true;
            output.WriteLine("Leaving the cluster gracefully...");
            _ = system.Terminate(); // CoordinatedShutdown leaves first.
        }
    }

    private sealed class EventPrinter : ReceiveActor
    {
        public EventPrinter(TextWriter output) => ReceiveAny(message => output.WriteLine(message switch
        {
            MemberRemoved removed => $"MemberRemoved {removed.Member.Address} (was {removed.PreviousStatus})",
            IMemberEvent member => $"{member.GetType().Name} {member.Member.Address}",
            IReachabilityEvent reachability => $"{reachability.GetType().Name} {reachability.Member.Address}",
            LeaderChanged leader => $"LeaderChanged {leader.Leader?.ToString() ?? "none"}",
            _ => message.ToString(),
        }));
    }
}
