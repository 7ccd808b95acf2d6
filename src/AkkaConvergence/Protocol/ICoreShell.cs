using System.Collections.Immutable;
using Akka.Actor;

namespace AkkaConvergence.Protocol;

/// <summary>
/// What a shell (the actor shell or the simulator) does for its core: one method per effect kind,
/// so adding an effect without teaching every shell about it is a compile error.
/// </summary>
internal interface ICoreShell
{
    /// <summary>Sends <paramref name="message"/> to the core at <paramref name="to"/> (fire and forget).</summary>
    void Send(Address to, IClusterMessage message);

    /// <summary>Arranges one <see cref="WakeUp"/> at <paramref name="atMillis"/> (monotonic), replacing any earlier request.</summary>
    void ScheduleWakeUp(long atMillis);

    void OnMembershipChanged(MembershipChanged changed);

    /// <summary>The key/value store changed: make it the current one, then publish the changes.</summary>
    void OnKeyValueChanged(KeyValueChanged changed);

    /// <summary>Offers the proposed transitions to the leader-action hooks; returns the approved ones.</summary>
    ImmutableList<MemberTransition> ApproveLeaderTransitions(LeaderTransitionsProposed proposed);

    void OnLeaderTransitionsApplied(LeaderTransitionsApplied applied);

    void OnShutdownRequested(ShutdownReason reason);

    /// <summary>An input was dropped: log (rate-limited) and count by reason.</summary>
    void OnInputDropped(InputDropped dropped);

    /// <summary>A fact for the log.</summary>
    void OnFact(CoreFact fact);
}
