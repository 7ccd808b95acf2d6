using System.Net.Sockets;

namespace AkkaConvergence.Tests.Cli;

/// <summary>
/// Ports for node processes. Picked below the ephemeral ranges (Linux 32768-60999, Windows from
/// 49152), so no outgoing connection of a test running beside this one can take a port between
/// its pick and the node's bind (an ephemeral port from the OS could be: the most likely reason a
/// node of a chaos test never joined, twice in full-suite runs), and never the same one twice in
/// this process.
/// </summary>
internal static class FreePorts
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly HashSet<int> Given = [];
    private static readonly Random Pick = new();

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Pick.Next(First, Last);
                if (Given.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                Given.Add(port);
                return port;
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last} in 1,000 tries.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
