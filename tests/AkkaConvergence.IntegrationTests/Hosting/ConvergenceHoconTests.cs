using Akka.Configuration;
using AkkaConvergence.Hosting;

namespace AkkaConvergence.IntegrationTests.Hosting;

/// <summary>Options become exactly the HOCON keys they name, read back by the extension's own settings.</summary>
public class ConvergenceHoconTests
{
    private static ConvergenceSettings Read(ConvergenceClusterOptions options, string hocon = "") =>
        ConvergenceSettings.Create(ConvergenceHocon.From(options)
            .WithFallback(ConfigurationFactory.ParseString(hocon))
            .WithFallback(Configuration.ConvergenceConfig.Reference));

    [Fact]
    public void Every_option_becomes_its_setting()
    {
        var settings = Read(new ConvergenceClusterOptions
        {
            SeedNodes = ["akka.tcp://orders@10.0.0.1:4053"],
            Roles = ["backend", "with \"quotes\""],
            MinNrOfMembers = 3,
            RoleMinNrOfMembers = new Dictionary<string, int> { ["backend"] = 2, ["web.edge"] = 4 },
            Downing = new StaticQuorumOption { QuorumSize = 3, Role = "backend", StableAfter = TimeSpan.FromSeconds(7), DownAllWhenUnstable = TimeSpan.FromSeconds(5) },
            FailureDetector = FailureDetectorKind.PhiAccrual,
            ClusterLabel = "orders-prod",
            GossipInterval = TimeSpan.FromMilliseconds(250),
            RunCoordinatedShutdownWhenDown = false,
        });

        Assert.Equal("akka.tcp://orders@10.0.0.1:4053", Assert.Single(settings.SeedNodes).ToString());
        Assert.Equal(["backend", "with \"quotes\""], settings.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(3, settings.MinNrOfMembers);
        Assert.Equal(2, settings.RoleMinNrOfMembers["backend"]);
        Assert.Equal(4, settings.RoleMinNrOfMembers["web.edge"]); // A dotted role stays one key.
        Assert.Equal(DowningStrategy.StaticQuorum, settings.Downing.Strategy);
        Assert.Equal(3, settings.Downing.QuorumSize);
        Assert.Equal("backend", settings.Downing.Role);
        Assert.Equal(TimeSpan.FromSeconds(7), settings.Downing.StableAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Downing.DownAllWhenUnstable);
        Assert.Equal(FailureDetectorKind.PhiAccrual, settings.FailureDetector.Kind);
        Assert.Equal("orders-prod", settings.ClusterLabel);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.GossipInterval);
        Assert.False(settings.RunCoordinatedShutdownWhenDown);
    }

    [Fact]
    public void Options_left_null_keep_what_hocon_says()
    {
        var settings = Read(new ConvergenceClusterOptions { Roles = ["web"] }, "akka.convergence { gossip-interval = 300ms, downing.strategy = keep-oldest }");

        Assert.Equal(["web"], settings.Roles);
        Assert.Equal(TimeSpan.FromMilliseconds(300), settings.GossipInterval);
        Assert.Equal(DowningStrategy.KeepOldest, settings.Downing.Strategy);
    }
}
