using System.Collections.Immutable;
using AkkaConvergence.Hooks;
using AkkaConvergence.KeyValue;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Actors;

/// <summary>What the owner of the actor shell (the extension) is told by it.</summary>
internal interface IClusterHost
{
    /// <summary>This node's new view: make it the extension's current state.</summary>
    /// <param name="state">The view.</param>
    /// <param name="unreachableObservers">For each unreachable member, the members that observe it so.</param>
    void UpdateState(CurrentClusterState state, ImmutableDictionary<UniqueAddress, ImmutableSortedSet<UniqueAddress>> unreachableObservers);

    /// <summary>This node's new key/value store: make it the one reads see (before its changes are published as events).</summary>
    void UpdateKeyValue(StateStore store);

    /// <summary>The core asks to end (or to start exiting) this node's membership.</summary>
    void OnShutdownRequested(ShutdownReason reason);
}

/// <summary>Everything the actor shell needs from the extension that starts it, and nothing more.</summary>
/// <param name="Self">This incarnation.</param>
/// <param name="Settings">The validated settings.</param>
/// <param name="Hooks">The leader-action hooks registered on this node.</param>
/// <param name="Metrics">Counters the shell updates.</param>
/// <param name="Time">The one clock of the shell.</param>
/// <param name="Origin">The <see cref="TimeProvider.GetTimestamp"/> the core's monotonic milliseconds count from (key/value ages are read against it).</param>
/// <param name="Host">The extension, told about new views and shutdown requests.</param>
/// <param name="Frame">The serializer's frame (label, keys): the shell seals and opens large messages with it.</param>
internal sealed record ShellContext(
    UniqueAddress Self,
    ConvergenceSettings Settings,
    LeaderActionHooks Hooks,
    ConvergenceMetrics Metrics,
    TimeProvider Time,
    long Origin,
    IClusterHost Host,
    Wire.WireFrame Frame);
