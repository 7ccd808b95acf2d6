using Akka.Configuration;

namespace AkkaConvergence.Management;

/// <summary>The package's embedded reference.conf (<c>akka.convergence.management</c>).</summary>
internal static class ManagementConfig
{
    private const string ResourceName = "AkkaConvergence.Management.reference.conf";

    public static Config Reference { get; } = ConfigurationFactory.ParseString(EmbeddedText.Read(ResourceName));
}
