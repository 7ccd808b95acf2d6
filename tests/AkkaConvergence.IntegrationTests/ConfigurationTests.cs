using Akka.Actor;
using Akka.Configuration;

namespace AkkaConvergence.IntegrationTests;

public sealed class ConfigurationTests
{
    private static async Task<Exception> GetFails(string config)
    {
        var system = ActorSystem.Create("conv", ConfigurationFactory.ParseString(config).WithFallback(ConfigurationFactory.ParseString(TestCluster.FastConfig())));
        try
        {
            return Record.Exception(() => ConvergenceCluster.Get(system));
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Theory]
    [InlineData("akka.convergence.gossip-interval = 0s", "akka.convergence.gossip-interval")]
    [InlineData("akka.convergence.gossip-interval = soon", "akka.convergence.gossip-interval")]
    [InlineData("akka.convergence.min-nr-of-members = 0", "akka.convergence.min-nr-of-members")]
    [InlineData("akka.convergence.prefer-unseen-probability = 1.5", "akka.convergence.prefer-unseen-probability")]
    [InlineData("akka.convergence.failure-detector.threshold = 0", "akka.convergence.failure-detector.threshold")]
    [InlineData("akka.convergence.downing.strategy = coin-flip", "akka.convergence.downing.strategy")]
    [InlineData("akka.convergence.downing.strategy = static-quorum", "akka.convergence.downing.static-quorum.quorum-size")]
    [InlineData("akka.convergence.seed-nodes = [\"not an address\"]", "akka.convergence.seed-nodes")]
    [InlineData("akka.convergence.role.backend.min-nr-of-members = -1", "akka.convergence.role.backend.min-nr-of-members")]
    [InlineData("akka.convergence.authentication.keys = [\"not base64!\"]", "akka.convergence.authentication.keys")]
    [InlineData("akka.convergence.authentication.keys = [\"c2hvcnQ=\"]", "akka.convergence.authentication.keys")]
    [InlineData("akka.convergence.authentication.require-signature = maybe", "akka.convergence.authentication.require-signature")]
    [InlineData("akka.convergence.max-message-size = 1KiB", "akka.convergence.max-message-size")]
    [InlineData("akka.convergence.max-message-size = 2MiB", "akka.convergence.max-message-size")]
    public async Task An_invalid_value_names_its_full_key_path(string config, string key)
    {
        var error = await GetFails(config);

        var configurationError = Assert.IsType<ConfigurationException>(error);
        Assert.Contains(key, configurationError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_bound_past_the_transports_frame_is_refused_naming_both_keys()
    {
        var error = await GetFails("akka.convergence.max-message-size = 126KiB");

        var message = Assert.IsType<ConfigurationException>(error).Message;
        Assert.Contains("akka.convergence.max-message-size", message, StringComparison.Ordinal);
        Assert.Contains("akka.remote.dot-netty.tcp.maximum-frame-size (128000 bytes)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_too_long_cluster_label_is_refused()
    {
        var error = await GetFails($"akka.convergence.cluster-label = \"{new string('x', 256)}\"");

        Assert.Contains("akka.convergence.cluster-label", Assert.IsType<ConfigurationException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_key_is_not_printed_in_the_error()
    {
        const string tooShortKey = "dG9vLXNob3J0LWtleQ==";

        var error = await GetFails($"akka.convergence.authentication.keys = [\"{tooShortKey}\"]");

        Assert.DoesNotContain(tooShortKey, Assert.IsType<ConfigurationException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_provider_is_refused_with_a_clear_message()
    {
        var error = await GetFails("akka.actor.provider = local");

        Assert.Contains("akka.actor.provider = remote", Assert.IsType<ConfigurationException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_defaults_are_the_documented_ones()
    {
        var system = ActorSystem.Create("conv", ConfigurationFactory.ParseString("akka.actor.provider = remote\nakka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }"));
        try
        {
            var settings = ConvergenceCluster.Get(system).Settings;

            Assert.Equal(TimeSpan.FromSeconds(1), settings.GossipInterval);
            Assert.Equal(TimeSpan.FromSeconds(7), settings.AllowWeaklyUpMembers);
            Assert.Equal(TimeSpan.FromSeconds(10), settings.RetryUnsuccessfulJoinAfter);
            Assert.Equal(0.8, settings.PreferUnseenProbability);
            Assert.Equal(400, settings.ReduceGossipDifferentViewProbability);
            Assert.Equal(5, settings.FailureDetector.MonitoredByNrOfMembers);
            Assert.Equal(8.0, settings.FailureDetector.Threshold);
            Assert.Equal(TimeSpan.FromSeconds(3), settings.FailureDetector.AcceptableHeartbeatPause);
            Assert.Equal(DowningStrategy.KeepMajority, settings.Downing.Strategy);
            Assert.Equal(TimeSpan.FromSeconds(20), settings.Downing.StableAfter);
            Assert.Equal(TimeSpan.FromSeconds(15), settings.Downing.DownAllWhenUnstable);
            Assert.True(settings.RunCoordinatedShutdownWhenDown);
            Assert.Null(settings.Downing.QuorumSize);
            Assert.Equal(string.Empty, settings.ClusterLabel);
            Assert.False(settings.Authentication.IsEnabled);
            Assert.True(settings.Authentication.RequireSignature);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task The_extension_starts_from_akka_extensions()
    {
        var system = ActorSystem.Create("conv", ConfigurationFactory.ParseString(
            "akka.extensions = [\"AkkaConvergence.ConvergenceClusterExtension, AkkaConvergence\"]").WithFallback(ConfigurationFactory.ParseString(TestCluster.FastConfig())));
        try
        {
            Assert.True(system.HasExtension<ConvergenceCluster>());
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
