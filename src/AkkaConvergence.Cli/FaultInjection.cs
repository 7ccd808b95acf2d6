using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;

namespace AkkaConvergence.Cli;

/// <summary>
/// <c>node --fault-injection</c>: the node's links run through Akka.Remote's throttler adapter
/// (addresses <c>akka.trttl.tcp://</c>), and lines on standard input cut or restore them, as
/// Akka's multi-node TestConductor does: <c>blackhole HOST:PORT</c> drops everything to and from
/// that node, <c>pass HOST:PORT</c> lets it through again. For fault-injection tests and drills,
/// never for production: anyone who can write to the process's stdin can partition it.
/// </summary>
internal static class FaultInjection
{
    public const string Protocol = "akka.trttl.tcp";

    /// <summary>Reads commands until stdin closes or the system terminates; each is answered with one line.</summary>
    public static async Task ReadCommands(ActorSystem system, TextReader input, TextWriter output)
    {
        var transport = ((IRemoteActorRefProvider)((ExtendedActorSystem)system).Provider).Transport;
        while (!system.WhenTerminated.IsCompleted && await input.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0] is not ("blackhole" or "pass") || !TryParse(system.Name, parts[1], out var peer))
            {
                await output.WriteLineAsync($"fault-injection: ignored '{line}' (use: blackhole HOST:PORT | pass HOST:PORT)");
                continue;
            }

            ThrottleMode mode = parts[0] == "blackhole" ? Blackhole.Instance : Unthrottled.Instance;
            var applied = await transport.ManagementCommand(new SetThrottle(peer, ThrottleTransportAdapter.Direction.Both, mode));
            await output.WriteLineAsync($"fault-injection: {parts[0]} {peer} {(applied ? "applied" : "NOT applied")}");
        }
    }

    private static bool TryParse(string systemName, string hostAndPort, out Address address)
    {
        var separator = hostAndPort.LastIndexOf(':');
        if (separator > 0 && int.TryParse(hostAndPort[(separator + 1)..], out var port) && port is > 0 and <= 65535)
        {
            address = new Address(Protocol, systemName, hostAndPort[..separator], port);
            return true;
        }

        address = Address.AllSystems;
        return false;
    }
}
