using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>
/// One incarnation running in the simulator: the same <see cref="CoreDriver"/> the actor shell
/// uses, with this node as its shell: sends go into the simulated network, the one wake-up timer
/// into the event queue, shutdown stops the node.
/// </summary>
internal sealed class SimulatedNode : ICoreShell
{
    /// <summary>Exit tasks (e.g. hand-over in a real application) take this long, then confirm.</summary>
    private const long ExitTasksMillis = 10;

    private readonly SimulatedCluster _cluster;
    private readonly CoreDriver _driver;

    public SimulatedNode(SimulatedCluster cluster, int slot, CoreState initial, Random random)
    {
        _cluster = cluster;
        Slot = slot;
        _driver = new CoreDriver(initial, this, Clock, random, (before, result, input) => cluster.OnStepped(this, before, result, input));
    }

    public int Slot { get; }

    public UniqueAddress Self => State.Self;

    public CoreState State => _driver.State;

    public bool IsAlive { get; set; } = true;

    /// <summary>How it stopped, once it has.</summary>
    public CrashKind Crash { get; set; }

    /// <summary>Until this virtual time the node processes nothing (a stop-the-world pause); its inputs wait.</summary>
    public long PausedUntil { get; set; }

    /// <summary>How far this node's wall clock is from true virtual time (clock jumps move it; deadlines never see it).</summary>
    public long WallOffsetMillis { get; set; }

    /// <summary>The generation of the wake-up currently set; an event of an older generation was replaced.</summary>
    public long WakeUpGeneration { get; private set; }

    /// <summary>Whether this node's view currently satisfies the scenario's goal.</summary>
    public bool ReachedGoal { get; set; }

    public void Feed(ICoreInput input) => _driver.Feed(input);

    void ICoreShell.Send(Address to, IClusterMessage message)
    {
        if (IsAlive)
        {
            _cluster.Transmit(this, to, message);
        }
    }

    void ICoreShell.ScheduleWakeUp(long atMillis) => _cluster.ScheduleWakeUp(this, atMillis, ++WakeUpGeneration);

    void ICoreShell.OnMembershipChanged(MembershipChanged changed)
    {
    }

    void ICoreShell.OnKeyValueChanged(KeyValueChanged changed)
    {
    }

    ImmutableList<MemberTransition> ICoreShell.ApproveLeaderTransitions(LeaderTransitionsProposed proposed) => _cluster.Approve(proposed);

    void ICoreShell.OnLeaderTransitionsApplied(LeaderTransitionsApplied applied)
    {
    }

    void ICoreShell.OnShutdownRequested(ShutdownReason reason)
    {
        if (reason == ShutdownReason.Exiting)
        {
            _cluster.InputAfter(this, ExitTasksMillis, ExitingCompleted.Instance);
        }
        else if (IsAlive)
        {
            _cluster.Kill(this);
        }
    }

    void ICoreShell.OnInputDropped(InputDropped dropped) => _cluster.Metrics.CountDrop(dropped.Reason.ToString());

    void ICoreShell.OnFact(CoreFact fact) => _cluster.Metrics.CountFact(fact);

    private CoreTime Clock() => new(_cluster.Now, SimulatedCluster.WallClockOrigin + _cluster.Now + WallOffsetMillis);
}
