using Akka.Configuration;

namespace AkkaConvergence.Tests.Cli;

public class KeygenCommandTests
{
    [Fact]
    public void Keygen_prints_a_fresh_key_the_settings_accept()
    {
        var first = CliProcess.Run("keygen");
        var second = CliProcess.Run("keygen");

        Assert.Equal(0, first.ExitCode);
        var key = first.Output.Trim();
        Assert.NotEqual(key, second.Output.Trim());
        Assert.Equal(32, Convert.FromBase64String(key).Length);
        var settings = ConvergenceSettings.Create(ConfigurationFactory.ParseString($"akka.convergence.authentication.keys = [\"{key}\"]"));
        Assert.Equal(1, settings.Authentication.KeyCount);
    }
}
