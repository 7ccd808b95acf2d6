namespace AkkaConvergence.Tests.Cli;

/// <summary>A TCP port on 127.0.0.1 that was free a moment ago, for a child process to listen on.</summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
