using Akka.Actor;

namespace AkkaConvergence.Benchmarks.Compare;

/// <summary>One membership implementation driven the same way by the side-by-side harness.</summary>
internal interface IClusterUnderTest : IAsyncDisposable
{
    string Name { get; }

    IReadOnlyList<ActorSystem> Live { get; }

    ActorSystem StartNode();

    void JoinSeed(ActorSystem node, Address seed);

    void Leave(ActorSystem node);

    /// <summary>Stops the node without leaving (CoordinatedShutdown is off on terminate).</summary>
    Task Crash(ActorSystem node);

    /// <summary>Every live node sees exactly the live nodes, all Up, nobody unreachable.</summary>
    bool AllUp();

    /// <summary>Every live node other than the crashed one marks <paramref name="crashed"/> unreachable.</summary>
    bool AllSeeUnreachable(Address crashed);

    Address AddressOf(ActorSystem node);
}
