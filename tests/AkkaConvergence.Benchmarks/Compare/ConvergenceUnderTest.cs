using Akka.Actor;
using Akka.Configuration;

namespace AkkaConvergence.Benchmarks.Compare;

/// <summary>
/// AkkaConvergence, configured from the profile. With <see cref="StateUpdatesPerSecond"/> above
/// zero every live node rewrites its own key/value entry that often for the whole run, so the
/// membership timings can be compared with and without key/value traffic.
/// </summary>
internal sealed class ConvergenceUnderTest(CompareProfile profile) : ClusterUnderTest
{
    public const string StateLoadKey = "load";

    private readonly CancellationTokenSource _stopLoad = new();
    private Task? _load;
    private long _writes;

    public override string Name => StateUpdatesPerSecond > 0 ? "AkkaConvergence+state" : "AkkaConvergence";

    /// <summary>How often each live node rewrites its <see cref="StateLoadKey"/> entry; 0 for none.</summary>
    public int StateUpdatesPerSecond { get; init; }

    /// <summary>Key/value writes issued so far across all nodes.</summary>
    public long StateWrites => Interlocked.Read(ref _writes);

    /// <summary>Owners (other than itself) whose load entry the first live node holds.</summary>
    public int StateOwnersSeenByFirst() =>
        Live.Count == 0 ? 0 : ConvergenceCluster.Get(Live[0]).Gossip.GetState<long>(StateLoadKey).Count - 1;

    public override async ValueTask DisposeAsync()
    {
        await _stopLoad.CancelAsync();
        if (_load is not null)
        {
            await _load.WaitAsync(TimeSpan.FromSeconds(10));
        }

        await base.DisposeAsync();
        _stopLoad.Dispose();
    }

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
        if (StateUpdatesPerSecond > 0)
        {
            _load ??= Task.Run(WriteStateLoad);
        }

        return system;
    }

    private async Task WriteStateLoad()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / StateUpdatesPerSecond));
        try
        {
            for (var value = 1L; await timer.WaitForNextTickAsync(_stopLoad.Token); value++)
            {
                foreach (var node in Live)
                {
                    ConvergenceCluster.Get(node).Gossip.SetState(StateLoadKey, value);
                    Interlocked.Increment(ref _writes);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
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
