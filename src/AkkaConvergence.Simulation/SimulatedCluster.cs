using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>
/// The simulation engine: cores on numbered slots (a slot is a fixed address; each start on it
/// is a new incarnation), an in-memory network with latency, jitter, loss and partitions, a
/// virtual clock, a deterministic failure-detector model, and invariant checks after every step.
/// Every random choice comes from the run's seed, so a run replays exactly.
/// </summary>
internal sealed class SimulatedCluster
{
    private readonly PriorityQueue<SimulationEvent, (long Time, long Sequence)> _queue = new();
    private readonly List<SimulatedNode?> _slots = [];
    private readonly Dictionary<Address, int> _slotOf = [];
    private readonly Dictionary<UniqueAddress, long> _diedAt = [];
    private readonly Random _random;
    private readonly MessageSizer? _sizer;
    private readonly InvariantChecker? _invariants;
    private readonly List<ProgressSample> _progress = [];
    private long _sequence;
    private long _nextUid = 1;
    private int _live;
    private int _reachedGoal;
    private long? _progressOrigin;
    private Func<SimulatedNode, bool> _goal = _ => false;

    public SimulatedCluster(SimulationOptions options)
    {
        options.Validate();
        Options = options;
        _random = new Random(options.Seed);
        _sizer = options.MeasureBytes ? new MessageSizer() : null;
        if (options.CheckInvariants ?? options.Nodes <= 1000)
        {
            _invariants = new InvariantChecker(checkGossipShape: options.Nodes <= 200);
        }

        CoreSettings = CoreSettings.From(options.ReadSettings());
    }

    public SimulationOptions Options { get; }

    public CoreSettings CoreSettings { get; set; }

    public long Now { get; private set; }

    public long StepsProcessed { get; private set; }

    public SimulatedNetwork Network { get; } = new();

    public SimulationMetrics Metrics { get; } = new();

    /// <summary>Decides each leader transition (the simulator's leader-action hook); approves all by default.</summary>
    public Func<MemberTransition, bool> ApproveTransition { get; set; } = _ => true;

    public IReadOnlyList<ProgressSample> Progress => _progress;

    public IEnumerable<SimulatedNode> LiveNodes => _slots.OfType<SimulatedNode>().Where(n => n.IsAlive);

    public SimulatedNode? NodeAt(int slot) => slot < _slots.Count ? _slots[slot] : null;

    public static Address AddressOf(int slot) => new("akka.tcp", "sim", $"node-{slot:D5}", 2552);

    /// <summary>
    /// Sets the scenario's goal for one node's view and starts recording the dissemination curve
    /// from now.
    /// </summary>
    public void TrackGoal(Func<SimulatedNode, bool> goal)
    {
        _goal = goal;
        _progress.Clear();
        _progressOrigin = Now;
        _reachedGoal = 0;
        foreach (var node in LiveNodes)
        {
            node.ReachedGoal = goal(node);
            _reachedGoal += node.ReachedGoal ? 1 : 0;
        }

        RecordProgress();
    }

    /// <summary>True when every live node reached the goal and all share one version.</summary>
    public bool HasConverged()
    {
        if (_live == 0 || _reachedGoal != _live)
        {
            return false;
        }

        VectorClock? version = null;
        foreach (var node in LiveNodes)
        {
            version ??= node.State.Gossip.Version;
            if (!node.State.Gossip.Version.IsSameAs(version))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Starts a new incarnation on <paramref name="slot"/> (not yet joined).</summary>
    public SimulatedNode Start(int slot, IEnumerable<string>? roles = null)
    {
        var uid = _nextUid++;
        var self = new UniqueAddress(AddressOf(slot), uid);
        var node = new SimulatedNode(slot, CoreState.Initial(self, roles ?? [], CoreSettings), new Random(NodeSeed(uid)));
        Place(node);
        return node;
    }

    /// <summary>
    /// Each incarnation's own random seed, mixed from the run's seed and its uid. Deliberately not
    /// HashCode.Combine, which is randomized per process and would break replay across processes.
    /// </summary>
    private int NodeSeed(long uid)
    {
        var mixed = (ulong)(uint)Options.Seed * 0x9E3779B97F4A7C15UL ^ (ulong)uid * 0xBF58476D1CE4E5B9UL;
        mixed ^= mixed >> 31;
        return (int)(mixed & 0x7FFFFFFF);
    }

    /// <summary>Slots 0..count-1 as an already converged cluster: all Up, everyone has seen the same version.</summary>
    public void Bootstrap(int count)
    {
        var nodes = Enumerable.Range(0, count).Select(slot => Start(slot)).ToList();
        var members = nodes.Select((n, i) => Member.Joining(n.Self, []).MovedUp(i + 1));
        var gossip = Gossip.Create(members).Increment(nodes[0].Self);
        gossip = nodes.Aggregate(gossip, (g, n) => g.MarkSeen(n.Self));
        _invariants?.RecordMovedUp(nodes.Select(n => n.Self));
        foreach (var node in nodes)
        {
            node.State = node.State with { Phase = CorePhase.Initialized, Membership = new MembershipState(node.Self, gossip) };
        }
    }

    public void Input(int slot, ICoreInput input) =>
        Schedule(Now, new SimulationEvent(SimulationEventKind.Input, slot, _slots[slot]!.Self.Uid, input, null));

    public void At(long timeMillis, Action action) =>
        Schedule(timeMillis, new SimulationEvent(SimulationEventKind.Action, -1, 0, null, action));

    /// <summary>The incarnation on <paramref name="slot"/> stops at once, without a word to anyone.</summary>
    public void Crash(int slot)
    {
        if (_slots[slot] is { IsAlive: true } node)
        {
            Kill(node);
        }
    }

    /// <summary>Processes events until <paramref name="done"/> holds or virtual time passes <paramref name="untilMillis"/>.</summary>
    public bool RunUntil(Func<bool> done, long untilMillis)
    {
        while (!done())
        {
            if (!_queue.TryPeek(out _, out var at) || at.Time > untilMillis)
            {
                Now = Math.Max(Now, untilMillis);
                return done();
            }

            Process(_queue.Dequeue(), at.Time);
        }

        return true;
    }

    public void RunFor(long millis) => RunUntil(() => false, Now + millis);

    private void Place(SimulatedNode node)
    {
        while (_slots.Count <= node.Slot)
        {
            _slots.Add(null);
        }

        if (_slots[node.Slot] is { IsAlive: true } previous)
        {
            Kill(previous);
        }

        _slots[node.Slot] = node;
        _slotOf[node.Self.Address] = node.Slot;
        _live++;
        SchedulePeriodic(node, GossipTick.Instance, CoreSettings.GossipInterval);
        SchedulePeriodic(node, LeaderActionsTick.Instance, CoreSettings.LeaderActionsInterval);
        SchedulePeriodic(node, null, CoreSettings.UnreachableNodesReaperInterval); // null: a reaper tick, observed when it fires.
    }

    private void SchedulePeriodic(SimulatedNode node, ICoreInput? tick, TimeSpan period)
    {
        var phase = (long)(_random.NextDouble() * period.TotalMilliseconds);
        Schedule(Now + phase, new SimulationEvent(SimulationEventKind.Tick, node.Slot, node.Self.Uid, tick, null, period));
    }

    private void Schedule(long at, SimulationEvent simulationEvent) => _queue.Enqueue(simulationEvent, (at, _sequence++));

    private void Process(SimulationEvent simulationEvent, long at)
    {
        Now = at;
        var node = simulationEvent.Slot >= 0 ? _slots[simulationEvent.Slot] : null;
        switch (simulationEvent.Kind)
        {
            case SimulationEventKind.Action:
                simulationEvent.Action!();
                break;
            case SimulationEventKind.Deliver when node is { IsAlive: true }:
                Step(node, simulationEvent.Input!);
                break;
            case SimulationEventKind.Input when node is { IsAlive: true } && node.Self.Uid == simulationEvent.Uid:
                Step(node, simulationEvent.Input!);
                break;
            case SimulationEventKind.Tick when node is { IsAlive: true } && node.Self.Uid == simulationEvent.Uid:
                Step(node, simulationEvent.Input ?? ObserveReachability(node));
                Schedule(Now + (long)simulationEvent.Period.TotalMilliseconds, simulationEvent);
                break;
        }
    }

    private void Step(SimulatedNode node, ICoreInput input)
    {
        var before = node.State;
        var result = ClusterCore.Step(before, input, Now, node.Random);
        node.State = result.State;
        StepsProcessed++;
        if (_invariants?.Check(before, result.State) is { } violation)
        {
            throw new SimulationInvariantException(
                $"Invariant broken (seed {Options.Seed}, step {StepsProcessed}, t={Now} ms, node {node.Self}, input {input.GetType().Name}): {violation}");
        }

        foreach (var effect in result.Effects)
        {
            Execute(node, effect);
        }

        UpdateGoal(node);
    }

    private void Execute(SimulatedNode node, ICoreEffect effect)
    {
        switch (effect)
        {
            case Send send when node.IsAlive:
                Transmit(node, send);
                break;
            case LeaderTransitionsProposed proposed when node.IsAlive:
                var approved = proposed.Transitions.Where(ApproveTransition).ToImmutableList();
                if (node.State.IsConverged)
                {
                    _invariants?.RecordMovedUp(approved.Where(t => t.To == MemberStatus.Up).Select(t => t.Member.UniqueAddress));
                }

                Step(node, new ApplyLeaderTransitions(approved));
                break;
            case ScheduleWakeUp wakeUp:
                Schedule(Math.Max(Now, wakeUp.AtMillis), new SimulationEvent(SimulationEventKind.Input, node.Slot, node.Self.Uid, WakeUp.Instance, null));
                break;
            case ShutdownRequested { Reason: ShutdownReason.Exiting }:
                // Exit tasks (e.g. hand-over) take a moment, then confirm.
                Schedule(Now + 10, new SimulationEvent(SimulationEventKind.Input, node.Slot, node.Self.Uid, ExitingCompleted.Instance, null));
                break;
            case ShutdownRequested when node.IsAlive:
                Kill(node);
                break;
            case InputDropped dropped:
                Metrics.CountDrop(dropped.Reason.ToString());
                break;
        }
    }

    private void Transmit(SimulatedNode from, Send send)
    {
        var type = send.Message is GossipStatus status ? $"GossipStatus{status.Kind}" : send.Message.GetType().Name;
        Metrics.CountMessage(type, _sizer?.SizeOf(send.Message) ?? 0);
        if (!_slotOf.TryGetValue(send.To, out var to) || Network.IsBlocked(from.Slot, to)
            || (Options.Loss > 0 && _random.NextDouble() < Options.Loss))
        {
            return;
        }

        var delay = Options.Latency.TotalMilliseconds + (_random.NextDouble() * Options.Jitter.TotalMilliseconds);
        Schedule(Now + (long)Math.Round(delay), new SimulationEvent(SimulationEventKind.Deliver, to, 0, send.Message, null));
    }

    /// <summary>
    /// The failure-detector model: a monitored peer looks unavailable once it has been dead, or cut
    /// off in either direction (heartbeat or its answer lost), for the detection delay.
    /// </summary>
    private ReachabilityObserved ObserveReachability(SimulatedNode observer)
    {
        if (!observer.State.IsInitialized)
        {
            return new ReachabilityObserved([]);
        }

        var delay = (long)Options.DetectionDelay.TotalMilliseconds;
        var unavailable = observer.MonitoredNodes(CoreSettings.FailureDetector.MonitoredByNrOfMembers)
            .Where(peer => BrokenSince(peer, observer) is { } since && Now - since >= delay);
        return new ReachabilityObserved([.. unavailable]);
    }

    private long? BrokenSince(UniqueAddress peer, SimulatedNode observer)
    {
        if (_diedAt.TryGetValue(peer, out var died))
        {
            return died;
        }

        if (!_slotOf.TryGetValue(peer.Address, out var slot) || _slots[slot]?.Self != peer)
        {
            return long.MinValue / 2;
        }

        var there = Network.BlockedSince(observer.Slot, slot);
        var back = Network.BlockedSince(slot, observer.Slot);
        return there is null ? back : back is null ? there : Math.Min(there.Value, back.Value);
    }

    private void Kill(SimulatedNode node)
    {
        if (node.ReachedGoal)
        {
            _reachedGoal--;
        }

        node.IsAlive = false;
        node.ReachedGoal = false;
        _live--;
        _diedAt[node.Self] = Now;
        RecordProgress();
    }

    private void UpdateGoal(SimulatedNode node)
    {
        var reached = node.IsAlive && _goal(node);
        if (reached != node.ReachedGoal)
        {
            node.ReachedGoal = reached;
            _reachedGoal += reached ? 1 : -1;
            RecordProgress();
        }
    }

    private void RecordProgress()
    {
        if (_progressOrigin is not { } origin || _live == 0)
        {
            return;
        }

        var fraction = (double)_reachedGoal / _live;
        if (_progress.Count == 0 || Math.Abs(_progress[^1].Fraction - fraction) >= 0.002 || fraction is 0 or 1)
        {
            if (_progress.Count > 0 && _progress[^1].VirtualMillis == Now - origin)
            {
                _progress[^1] = new ProgressSample(Now - origin, fraction);
            }
            else
            {
                _progress.Add(new ProgressSample(Now - origin, fraction));
            }
        }
    }
}
