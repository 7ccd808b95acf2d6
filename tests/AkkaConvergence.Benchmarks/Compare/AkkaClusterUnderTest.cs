using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace AkkaConvergence.Benchmarks.Compare;

/// <summary>Akka.Cluster 1.5.74 with the same intervals, failure detector and keep-majority downing.</summary>
internal sealed class AkkaClusterUnderTest(CompareProfile profile) : IClusterUnderTest
{
    private readonly List<ActorSystem> _live = [];

    public string Name => "Akka.Cluster";

    public IReadOnlyList<ActorSystem> Live => _live;

    public ActorSystem StartNode()
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.cluster {
              gossip-interval = {{CompareProfile.Ms(profile.Interval)}}
              leader-actions-interval = {{CompareProfile.Ms(profile.Interval)}}
              unreachable-nodes-reaper-interval = {{CompareProfile.Ms(profile.Interval)}}
              periodic-tasks-initial-delay = {{CompareProfile.Ms(profile.Interval)}}
              failure-detector {
                heartbeat-interval = {{CompareProfile.Ms(profile.HeartbeatInterval)}}
                acceptable-heartbeat-pause = {{CompareProfile.Ms(profile.AcceptablePause)}}
                monitored-by-nr-of-members = 5
              }
              downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
              split-brain-resolver { active-strategy = keep-majority, stable-after = {{CompareProfile.Ms(profile.StableAfter)}} }
            }
            """).WithFallback(ConfigurationFactory.ParseString(CompareProfile.Common));
        var system = ActorSystem.Create("akka", config);
        _live.Add(system);
        return system;
    }

    public void JoinSeed(ActorSystem node, Address seed) => Cluster.Get(node).JoinSeedNodes([seed]);

    public void Leave(ActorSystem node)
    {
        _live.Remove(node);
        var cluster = Cluster.Get(node);
        cluster.Leave(cluster.SelfAddress);
    }

    public async Task Crash(ActorSystem node)
    {
        _live.Remove(node);
        await node.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public bool AllUp()
    {
        var expected = _live.Select(s => Cluster.Get(s).SelfUniqueAddress).ToHashSet();
        return _live.All(s =>
        {
            var state = Cluster.Get(s).State;
            return state.Unreachable.IsEmpty && state.Members.Count == expected.Count
                   && state.Members.All(m => m.Status == Akka.Cluster.MemberStatus.Up && expected.Contains(m.UniqueAddress));
        });
    }

    public bool AllSeeUnreachable(Address crashed) =>
        _live.All(s => Cluster.Get(s).State.Unreachable.Any(m => m.Address.Equals(crashed)));

    public Address AddressOf(ActorSystem node) => Cluster.Get(node).SelfAddress;

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_live.Select(s => s.Terminate().WaitAsync(TimeSpan.FromSeconds(15))));
        _live.Clear();
    }
}
