using Akka.Actor;
using Akka.Configuration;
using AkkaConvergence.Benchmarks.Compare;

namespace AkkaConvergence.Benchmarks.StateCompare;

/// <summary>AkkaConvergence with its reference defaults (nothing tuned), over Akka.Remote on 127.0.0.1.</summary>
internal sealed class ConvergenceStateCluster : IStateClusterUnderTest
{
    private readonly List<ActorSystem> _systems = [];

    public string Name => "AkkaConvergence";

    public async Task Form(int nodes, TimeSpan limit)
    {
        var config = ConfigurationFactory.ParseString("akka.actor.provider = remote").WithFallback(ConfigurationFactory.ParseString(CompareProfile.Common));
        for (var i = 0; i < nodes; i++)
        {
            _systems.Add(ActorSystem.Create("ours", config));
        }

        var seed = ConvergenceCluster.Get(_systems[0]).SelfAddress;
        _systems.ForEach(system => ConvergenceCluster.Get(system).JoinSeedNodes([seed]));
        await Until.True(() => _systems.All(s => ConvergenceCluster.Get(s).State.Members.Count(m => m.Status == MemberStatus.Up) == nodes), limit, "formation");
    }

    public Task SetOnFirst(string key, string value) => ConvergenceCluster.Get(_systems[0]).Gossip.SetStateAsync(key, value);

    public Task<bool> AllSee(string key, string value)
    {
        var owner = ConvergenceCluster.Get(_systems[0]).SelfUniqueAddress;
        return Task.FromResult(_systems.All(s => ConvergenceCluster.Get(s).Gossip.GetState<string>(key).TryGetValue(owner, out var seen) && seen == value));
    }

    public Task SetOn(int member, string key, long value) => ConvergenceCluster.Get(_systems[member]).Gossip.SetStateAsync(key, value);

    public async ValueTask DisposeAsync() =>
        await Task.WhenAll(_systems.Select(s => s.Terminate().WaitAsync(TimeSpan.FromSeconds(15))));
}
