using AkkaConvergence.KeyValue;
using AkkaConvergence.Protocol;
using AkkaConvergence.Simulation;

namespace AkkaConvergence.Tests.Simulation;

/// <summary>The key/value state's dissemination across simulated clusters: pushes, anti-entropy, removal, resets.</summary>
public class KeyValueGossipTests
{
    private static readonly StateValue Load = new(17, "D", [1, 2, 3, 4, 5, 6, 7, 8]);

    private static SimulatedCluster Cluster(int nodes, int seed = 1, double loss = 0) => new(new SimulationOptions { Nodes = nodes, Seed = seed, Loss = loss });

    private static bool EveryoneHolds(SimulatedCluster cluster, UniqueAddress owner, string key, long version) =>
        cluster.LiveNodes.All(node => ScenarioGoals.HoldsEntry(node, owner, key, version));

    [Fact]
    public void Once_everyone_holds_a_write_the_cluster_sends_no_more_deltas()
    {
        var cluster = Cluster(10);
        cluster.Bootstrap(10);
        var owner = cluster.NodeAt(9)!.Self;
        cluster.Input(9, new SetStateCommand("load", Load));
        Assert.True(cluster.RunUntil(() => EveryoneHolds(cluster, owner, "load", 1), cluster.Now + 5_000));
        cluster.RunFor(2_000);

        var sent = new List<IClusterMessage>();
        cluster.Stepped = (_, _, result, _) => sent.AddRange(result.Effects.OfType<Send>().Select(s => s.Message).Where(m => m is StateDelta or StateDigest));
        cluster.RunFor(10_000);

        Assert.DoesNotContain(sent, m => m is StateDelta);
        Assert.All(sent, m => Assert.Equal(StateDigestKind.Summary, ((StateDigest)m).Kind));
    }
}
