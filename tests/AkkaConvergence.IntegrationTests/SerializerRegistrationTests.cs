using Akka.Configuration;
using AkkaConvergence.Wire;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>
/// Other extensions and plugins (Akka.Persistence, Akka.Management, this project's own management
/// package) inject their reference.conf after the cluster started; the convergence serializer must
/// survive that, or peers' messages can no longer be read.
/// </summary>
public sealed class SerializerRegistrationTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task A_top_level_fallback_injected_later_keeps_the_serializer_and_the_node_joinable()
    {
        var first = _cluster.Start();
        var second = _cluster.Start();
        first.Settings.InjectTopLevelFallback(ConfigurationFactory.ParseString("some-plugin.setting = 1"));

        Assert.Equal(ConvergenceSerializer.Id, first.Serialization.FindSerializerForType(typeof(Protocol.GossipEnvelope)).Identifier);
        await Cluster(first).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await Cluster(second).JoinAsync(Cluster(first).SelfAddress).WaitAsync(DefaultWait);
        await AwaitAllUp([first, second]);
    }
}
