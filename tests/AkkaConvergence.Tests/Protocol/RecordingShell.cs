using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Tests.Protocol;

/// <summary>A shell that records what the driver asks of it, approving every leader transition.</summary>
internal sealed class RecordingShell : ICoreShell
{
    public List<(Address To, IClusterMessage Message)> Sent { get; } = [];

    public List<long> WakeUps { get; } = [];

    public List<object> Calls { get; } = [];

    /// <summary>Runs inside <see cref="ICoreShell.Send"/> (e.g. feeding the driver again, as the actor does for messages to itself).</summary>
    public Action<Address, IClusterMessage>? OnSend { get; set; }

    public void Send(Address to, IClusterMessage message)
    {
        Sent.Add((to, message));
        Calls.Add(message);
        OnSend?.Invoke(to, message);
    }

    public void ScheduleWakeUp(long atMillis)
    {
        WakeUps.Add(atMillis);
        Calls.Add(new ScheduleWakeUp(atMillis));
    }

    public void OnMembershipChanged(MembershipChanged changed) => Calls.Add(changed);

    public void OnKeyValueChanged(KeyValueChanged changed) => Calls.Add(changed);

    public ImmutableList<MemberTransition> ApproveLeaderTransitions(LeaderTransitionsProposed proposed)
    {
        Calls.Add(proposed);
        return proposed.Transitions;
    }

    public void OnLeaderTransitionsApplied(LeaderTransitionsApplied applied) => Calls.Add(applied);

    public void OnShutdownRequested(ShutdownReason reason) => Calls.Add(reason);

    public void OnInputDropped(InputDropped dropped) => Calls.Add(dropped);

    public void OnFact(CoreFact fact) => Calls.Add(fact);
}
