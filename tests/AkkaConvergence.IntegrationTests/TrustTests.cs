using Akka.Actor;
using AkkaConvergence.Actors;
using AkkaConvergence.Protocol;
using static AkkaConvergence.IntegrationTests.TestCluster;

namespace AkkaConvergence.IntegrationTests;

/// <summary>What a peer that can reach a node's port cannot make it do.</summary>
public sealed class TrustTests : IAsyncDisposable
{
    private readonly TestCluster _cluster = new();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task Commands_sent_from_outside_the_process_are_refused_and_counted_and_change_nothing()
    {
        var systems = _cluster.StartMany(3);
        var seed = Cluster(systems[0]).SelfAddress;
        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);
        await AwaitAllUp(systems);
        var target = Cluster(systems[1]);
        var victim = Cluster(systems[2]).SelfAddress;
        var stranger = _cluster.StartStranger();

        foreach (var path in new[] { "/system/convergence", "/system/convergence/membership", "/system/convergence/publisher" })
        {
            var actor = stranger.ActorSelection(new RootActorPath(target.SelfAddress) / path.Split('/', StringSplitOptions.RemoveEmptyEntries));
            actor.Tell(new DownCommand(victim));
            actor.Tell(new LeaveCommand(victim));
            actor.Tell("hello");
        }

        await AwaitCondition(() => target.Metrics.Refusals(RefusalReason.UnknownMessage) >= 9, "all nine of the stranger's messages reached their actors (a DownCommand deserializes fine) and were refused");
        await Task.Delay(TimeSpan.FromSeconds(1)); // Long enough for a Down or Leave to have spread, had it been taken.
        Assert.All(systems, s => Assert.All(Cluster(s).State.Members, m => Assert.Equal(MemberStatus.Up, m.Status)));
    }
}
