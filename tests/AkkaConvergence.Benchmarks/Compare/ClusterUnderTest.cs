using Akka.Actor;
using Akka.Configuration;

namespace AkkaConvergence.Benchmarks.Compare;

/// <summary>
/// One membership implementation driven the same way by the side-by-side harness. Subclasses
/// only say how to configure a node, join, leave and read a node's view; the checks are shared.
/// </summary>
internal abstract class ClusterUnderTest : IAsyncDisposable
{
    private readonly List<ActorSystem> _live = [];
    private readonly List<ActorSystem> _silenced = [];

    public abstract string Name { get; }

    /// <summary>The live nodes; a copy, because a state-load generator reads it from another thread.</summary>
    public IReadOnlyList<ActorSystem> Live
    {
        get
        {
            lock (_live)
            {
                return [.. _live];
            }
        }
    }

    /// <summary>Crashes are silent hosts (blackholed by the throttler) rather than stopped processes.</summary>
    public bool SilentHostCrashes { get; init; }

    public ActorSystem StartNode()
    {
        var system = Create(ConfigurationFactory.ParseString(SilentHostCrashes ? CompareProfile.CommonWithThrottler : CompareProfile.Common));
        lock (_live)
        {
            _live.Add(system);
        }

        return system;
    }

    public abstract void JoinSeed(ActorSystem node, Address seed);

    public void Leave(ActorSystem node)
    {
        Forget(node);
        LeaveSelf(node);
    }

    /// <summary>
    /// Stops the node without leaving (CoordinatedShutdown is off on terminate): its port then
    /// refuses connections. For silent-host crashes the node is instead cut off both ways by the
    /// throttler (nothing refused, nothing answered) and stopped only when the run ends.
    /// </summary>
    public async Task Crash(ActorSystem node)
    {
        Forget(node);
        if (!SilentHostCrashes)
        {
            await node.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
            return;
        }

        _silenced.Add(node);
        var victim = AddressOf(node);
        await Task.WhenAll(Live.SelectMany(other => new[] { Blackhole(other, victim), Blackhole(node, AddressOf(other)) }));
    }

    private static Task<bool> Blackhole(ActorSystem from, Address to) =>
        ((Akka.Remote.IRemoteActorRefProvider)((ExtendedActorSystem)from).Provider).Transport
            .ManagementCommand(new Akka.Remote.Transport.SetThrottle(to, Akka.Remote.Transport.ThrottleTransportAdapter.Direction.Both, Akka.Remote.Transport.Blackhole.Instance));

    /// <summary>Every live node sees exactly the live nodes, all Up, nobody unreachable.</summary>
    public bool AllUp()
    {
        var live = Live;
        var expected = live.Select(s => ViewOf(s).Self).ToHashSet();
        return live.All(s =>
        {
            var view = ViewOf(s);
            return view.Unreachable.Count == 0 && view.Members.Count == expected.Count
                   && view.Members.All(m => m.IsUp && expected.Contains(m.Node));
        });
    }

    /// <summary>Every live node marks <paramref name="crashed"/> unreachable.</summary>
    public bool AllSeeUnreachable(Address crashed) => Live.All(s => ViewOf(s).Unreachable.Contains(crashed));

    public abstract Address AddressOf(ActorSystem node);

    public virtual async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Live.Concat(_silenced).Select(s => s.Terminate().WaitAsync(TimeSpan.FromSeconds(15))));
        lock (_live)
        {
            _live.Clear();
        }

        _silenced.Clear();
    }

    private void Forget(ActorSystem node)
    {
        lock (_live)
        {
            _live.Remove(node);
        }
    }

    /// <summary>A new node with the profile's settings on top of <paramref name="common"/>.</summary>
    protected abstract ActorSystem Create(Config common);

    protected abstract void LeaveSelf(ActorSystem node);

    protected abstract NodeView ViewOf(ActorSystem node);

    /// <summary>What the checks need of one node's view, independent of the implementation's types.</summary>
    protected sealed record NodeView(object Self, IReadOnlyCollection<(object Node, bool IsUp)> Members, IReadOnlyCollection<Address> Unreachable);
}
