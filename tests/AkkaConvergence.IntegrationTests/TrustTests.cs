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

    private const string Key1 = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    private const string Key2 = "ZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5/gIGCg4Q=";
    private const string Key3 = "yMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl5uc=";

    private static string Keys(params string[] keys) => $"akka.convergence.authentication.keys = [{string.Join(", ", keys.Select(k => $"\"{k}\""))}]";

    [Fact]
    public async Task A_node_labelled_for_another_cluster_cannot_join_and_its_messages_are_refused_and_counted()
    {
        var seed = _cluster.Start("akka.convergence.cluster-label = orders");
        var seedAddress = Cluster(seed).SelfAddress;
        await Cluster(seed).JoinSeedNodesAsync([seedAddress]).WaitAsync(DefaultWait);
        var other = _cluster.Start("akka.convergence.cluster-label = billing");

        _ = Cluster(other).JoinSeedNodesAsync([seedAddress]);

        await AwaitCondition(() => Cluster(seed).Metrics.Refusals(RefusalReason.WrongClusterLabel) >= 1, "the seed refused the other cluster's InitJoin");
        Assert.Single(Cluster(seed).State.Members);
        Assert.Equal(MemberStatus.Removed, Cluster(other).SelfMember.Status);
    }

    [Fact]
    public async Task A_joiner_whose_downing_strategy_conflicts_is_refused_with_a_line_on_both_sides_and_its_join_fails()
    {
        var seed = _cluster.Start();
        var seedAddress = Cluster(seed).SelfAddress;
        await Cluster(seed).JoinSeedNodesAsync([seedAddress]).WaitAsync(DefaultWait);
        var seedLog = LogLines.Collect(seed);
        var joiner = _cluster.Start("akka.convergence.downing.strategy = keep-oldest");
        var staying = _cluster.Start("akka.convergence { downing.strategy = keep-oldest, run-coordinated-shutdown-when-down = off }");
        var stayingLog = LogLines.Collect(staying);

        var joins = new[] { Cluster(joiner).JoinSeedNodesAsync([seedAddress]), Cluster(staying).JoinSeedNodesAsync([seedAddress]) };

        foreach (var join in joins)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => join.WaitAsync(DefaultWait));
            Assert.Contains("refused the join", error.Message, StringComparison.Ordinal);
        }

        const string conflict = "downing.strategy: joiner keep-oldest, cluster keep-majority";
        await AwaitCondition(() => stayingLog.Any(line => line.Contains("refused this node's join", StringComparison.Ordinal) && line.Contains(conflict, StringComparison.Ordinal)), "the joiner logged who refused it and why");
        await AwaitCondition(() => seedLog.Any(line => line.Contains(conflict, StringComparison.Ordinal)), "the seed logged the conflict");
        await joiner.WhenTerminated.WaitAsync(DefaultWait); // run-coordinated-shutdown-when-down (on by default) ends the joiner's system, as Akka's.
        Assert.False(staying.WhenTerminated.IsCompleted);
        Assert.Equal(MemberStatus.Removed, Cluster(staying).SelfMember.Status);
        Assert.True(Cluster(seed).Metrics.Drops(DropReason.IncompatibleSettings) >= 2, "each refusal is counted");
        Assert.Single(Cluster(seed).State.Members);
    }

    [Fact]
    public async Task Without_a_key_of_the_ring_a_node_can_neither_join_nor_be_heard()
    {
        var seed = _cluster.Start(Keys(Key1));
        var member = _cluster.Start(Keys(Key1));
        var seedAddress = Cluster(seed).SelfAddress;
        await Task.WhenAll(Cluster(seed).JoinSeedNodesAsync([seedAddress]), Cluster(member).JoinSeedNodesAsync([seedAddress])).WaitAsync(DefaultWait);
        await AwaitAllUp([seed, member]);
        var unkeyed = _cluster.Start();
        var wrongKey = _cluster.Start(Keys(Key3));

        _ = Cluster(unkeyed).JoinSeedNodesAsync([seedAddress]);
        _ = Cluster(wrongKey).JoinSeedNodesAsync([seedAddress]);

        await AwaitCondition(
            () => Cluster(seed).Metrics.Refusals(RefusalReason.Unsigned) >= 1 && Cluster(seed).Metrics.Refusals(RefusalReason.InvalidSignature) >= 1,
            "the seed refused the unsigned and the wrongly signed joiner");
        Assert.All(new[] { seed, member }, s => Assert.Equal(2, Cluster(s).State.Members.Count));
        Assert.All(new[] { unkeyed, wrongKey }, s => Assert.Equal(MemberStatus.Removed, Cluster(s).SelfMember.Status));
    }

    [Fact]
    public async Task Nodes_whose_rings_share_a_key_form_a_cluster_whichever_key_each_signs_with()
    {
        var systems = new[] { _cluster.Start(Keys(Key1, Key2)), _cluster.Start(Keys(Key2, Key1)), _cluster.Start(Keys(Key1, Key2)) };
        var seed = Cluster(systems[0]).SelfAddress;

        await Task.WhenAll(systems.Select(s => Cluster(s).JoinSeedNodesAsync([seed]))).WaitAsync(DefaultWait);

        await AwaitAllUp(systems);
        Assert.All(systems, s => Assert.Equal(0, Cluster(s).Metrics.Refusals(RefusalReason.InvalidSignature) + Cluster(s).Metrics.Refusals(RefusalReason.Unsigned)));
    }
}
