using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace AkkaConvergence.Benchmarks.Compare;

/// <summary>Akka.Cluster 1.5.74 with the same intervals, failure detector and keep-majority downing.</summary>
internal sealed class AkkaClusterUnderTest(CompareProfile profile) : ClusterUnderTest
{
    public override string Name => "Akka.Cluster";

    public override void JoinSeed(ActorSystem node, Address seed) => Cluster.Get(node).JoinSeedNodes([seed]);

    public override Address AddressOf(ActorSystem node) => Cluster.Get(node).SelfAddress;

    protected override ActorSystem Create(Config common)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.cluster.downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            akka.cluster.split-brain-resolver { active-strategy = keep-majority, stable-after = {{CompareProfile.Ms(profile.StableAfter)}} }
            {{profile.SharedTiming("akka.cluster")}}
            """).WithFallback(common);
        return ActorSystem.Create("akka", config);
    }

    protected override void LeaveSelf(ActorSystem node)
    {
        var cluster = Cluster.Get(node);
        cluster.Leave(cluster.SelfAddress);
    }

    protected override NodeView ViewOf(ActorSystem node)
    {
        var cluster = Cluster.Get(node);
        var state = cluster.State;
        return new NodeView(
            cluster.SelfUniqueAddress,
            state.Members.Select(m => ((object)m.UniqueAddress, m.Status == Akka.Cluster.MemberStatus.Up)).ToList(),
            state.Unreachable.Select(m => m.Address).ToList());
    }
}
