using Akka.Configuration;

namespace AkkaConvergence.Management;

/// <summary>The validated <c>akka.convergence.management</c> settings.</summary>
/// <param name="Enabled">Whether the ActorSystem serves the endpoints itself.</param>
/// <param name="Hostname">The interface to listen on.</param>
/// <param name="Port">The port (0 = any free one).</param>
/// <param name="BearerToken">The token every /cluster request must carry; empty = none.</param>
/// <param name="ReadOnly">Whether PUT and DELETE are refused.</param>
/// <param name="RecentEvents">How many recent cluster events are kept.</param>
public sealed record ManagementSettings(bool Enabled, string Hostname, int Port, string BearerToken, bool ReadOnly, int RecentEvents)
{
    private const string Section = "akka.convergence.management";

    /// <summary>Reads and validates the section of <paramref name="config"/> (reference.conf filling the gaps).</summary>
    /// <exception cref="ConfigurationException">A value is invalid; the message names the key.</exception>
    public static ManagementSettings Create(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var merged = config.WithFallback(ManagementConfig.Reference);
        var port = Read(merged, "port", "a port number 0-65535", c => c.GetInt($"{Section}.port"));
        if (port is < 0 or > 65535)
        {
            throw new ConfigurationException($"{Section}.port = {port} is invalid: it must be a port number 0-65535.");
        }

        var recent = Read(merged, "recent-events", "a count >= 1", c => c.GetInt($"{Section}.recent-events"));
        if (recent < 1)
        {
            throw new ConfigurationException($"{Section}.recent-events = {recent} is invalid: it must be at least 1.");
        }

        var hostname = Read(merged, "hostname", "a host name or IP address", c => c.GetString($"{Section}.hostname")) ?? string.Empty;
        if (hostname.Length == 0)
        {
            throw new ConfigurationException($"{Section}.hostname is empty: it must be a host name or IP address (127.0.0.1 by default).");
        }

        return new ManagementSettings(
            Read(merged, "enabled", "on or off", c => c.GetBoolean($"{Section}.enabled")),
            hostname,
            port,
            Read(merged, "bearer-token", "a string", c => c.GetString($"{Section}.bearer-token")) ?? string.Empty,
            Read(merged, "read-only", "on or off", c => c.GetBoolean($"{Section}.read-only")),
            recent);
    }

    private static T Read<T>(Config config, string key, string allowed, Func<Config, T> read)
    {
        try
        {
            return read(config);
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"{Section}.{key} is invalid: it must be {allowed} ({e.Message}).", e);
        }
    }
}
