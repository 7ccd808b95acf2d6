using Akka.Actor;
using Akka.Configuration;

namespace AkkaConvergence.Benchmarks.Compare;

/// <summary>AkkaConvergence, configured from the profile.</summary>
internal sealed class ConvergenceUnderTest(CompareProfile profile) : ClusterUnderTest
{
    public override string Name => "AkkaConvergence";

    /// <summary>HOCON over the profile for AkkaConvergence only (<c>--ours-config</c>), e.g. the other failure detector.</summary>
    public string ExtraConfig { get; init; } = string.Empty;

    public override void JoinSeed(ActorSystem node, Address seed) => ConvergenceCluster.Get(node).JoinSeedNodes([seed]);

    public override Address AddressOf(ActorSystem node) => ConvergenceCluster.Get(node).SelfAddress;

    protected override ActorSystem Create(Config common)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.convergence.downing { strategy = keep-majority, stable-after = {{CompareProfile.Ms(profile.StableAfter)}} }
            {{profile.SharedTiming("akka.convergence")}}
            """).WithFallback(common);
        config = ConfigurationFactory.ParseString(ExtraConfig).WithFallback(config);
        var system = ActorSystem.Create("ours", config);
        ConvergenceCluster.Get(system);
        return system;
    }

    protected override void LeaveSelf(ActorSystem node)
    {
        var cluster = ConvergenceCluster.Get(node);
        cluster.Leave(cluster.SelfAddress);
    }

    protected override NodeView ViewOf(ActorSystem node)
    {
        var cluster = ConvergenceCluster.Get(node);
        var state = cluster.State;
        return new NodeView(
            cluster.SelfUniqueAddress,
            state.Members.Select(m => ((object)m.UniqueAddress, m.Status == MemberStatus.Up)).ToList(),
            state.Unreachable.Select(m => m.Address).ToList());
    }
}
