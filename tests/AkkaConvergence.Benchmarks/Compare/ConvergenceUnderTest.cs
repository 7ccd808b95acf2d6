using Akka.Actor;
using Akka.Configuration;

namespace AkkaConvergence.Benchmarks.Compare;

/// <summary>AkkaConvergence, configured from the profile.</summary>
internal sealed class ConvergenceUnderTest(CompareProfile profile) : IClusterUnderTest
{
    private readonly List<ActorSystem> _live = [];

    public string Name => "AkkaConvergence";

    public IReadOnlyList<ActorSystem> Live => _live;

    public ActorSystem StartNode()
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.convergence {
              gossip-interval = {{CompareProfile.Ms(profile.Interval)}}
              leader-actions-interval = {{CompareProfile.Ms(profile.Interval)}}
              unreachable-nodes-reaper-interval = {{CompareProfile.Ms(profile.Interval)}}
              periodic-tasks-initial-delay = {{CompareProfile.Ms(profile.Interval)}}
              failure-detector {
                heartbeat-interval = {{CompareProfile.Ms(profile.HeartbeatInterval)}}
                acceptable-heartbeat-pause = {{CompareProfile.Ms(profile.AcceptablePause)}}
                monitored-by-nr-of-members = 5
              }
              downing { strategy = keep-majority, stable-after = {{CompareProfile.Ms(profile.StableAfter)}} }
            }
            """).WithFallback(ConfigurationFactory.ParseString(CompareProfile.Common));
        var system = ActorSystem.Create("ours", config);
        ConvergenceCluster.Get(system);
        _live.Add(system);
        return system;
    }

    public void JoinSeed(ActorSystem node, Address seed) => ConvergenceCluster.Get(node).JoinSeedNodes([seed]);

    public void Leave(ActorSystem node)
    {
        _live.Remove(node);
        var cluster = ConvergenceCluster.Get(node);
        cluster.Leave(cluster.SelfAddress);
    }

    public async Task Crash(ActorSystem node)
    {
        _live.Remove(node);
        await node.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public bool AllUp()
    {
        var expected = _live.Select(s => ConvergenceCluster.Get(s).SelfUniqueAddress).ToHashSet();
        return _live.All(s =>
        {
            var state = ConvergenceCluster.Get(s).State;
            return state.Unreachable.IsEmpty && state.Members.Count == expected.Count
                   && state.Members.All(m => m.Status == MemberStatus.Up && expected.Contains(m.UniqueAddress));
        });
    }

    public bool AllSeeUnreachable(Address crashed) =>
        _live.All(s => ConvergenceCluster.Get(s).State.Unreachable.Any(m => m.Address.Equals(crashed)));

    public Address AddressOf(ActorSystem node) => ConvergenceCluster.Get(node).SelfAddress;

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_live.Select(s => s.Terminate().WaitAsync(TimeSpan.FromSeconds(15))));
        _live.Clear();
    }
}
