using Akka.Configuration;

namespace AkkaConvergence.Configuration;

/// <summary>The embedded <c>reference.conf</c>.</summary>
internal static class ConvergenceConfig
{
    private const string ResourceName = "AkkaConvergence.Configuration.reference.conf";

    public static Config Reference { get; } = Load();

    private static Config Load()
    {
        using var stream = typeof(ConvergenceConfig).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
