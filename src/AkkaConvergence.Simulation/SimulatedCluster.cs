using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>
/// The simulation engine: cores on numbered slots (a slot is a fixed address; each start on it
/// is a new incarnation), an in-memory network with latency, jitter, loss and partitions, a
/// virtual clock, and invariant checks after every step. Failure detection is the cores' own:
/// heartbeats cross the simulated network like every other message. Every random choice comes
/// from the run's seed, so a run replays exactly.
/// </summary>
internal sealed class SimulatedCluster
{
    /// <summary>The wall clock of virtual time 0 (2026-01-01): tombstone stamps look like real ones.</summary>
    public const long WallClockOrigin = 1_767_225_600_000;

    private readonly EventQueue _queue = new();
    private readonly List<SimulatedNode?> _slots = [];
    private readonly Dictionary<Address, int> _slotOf = [];
    private readonly Random _random;
    private readonly MessageSizer? _sizer;
    private readonly SimulatedParts _parts;
    private readonly InvariantChecker? _invariants;
    private readonly ProgressTracker _progress = new();
    private readonly HashSet<(int Low, int High)> _connections = [];
    private readonly Dictionary<(int From, long DeadUid), long> _refusedAt = [];
    private Milestone? _milestone;
    private long _nextUid = 1;
    private readonly HashSet<long> _currentUids = [];
    private int _live;

    public SimulatedCluster(SimulationOptions options)
    {
        options.Validate();
        Options = options;
        _random = new Random(options.Seed);
        _sizer = options.MeasureBytes ? new MessageSizer() : null;
        var settings = options.ReadSettings();
        _parts = new SimulatedParts(settings.MaxMessageSize);
        if (options.CheckInvariants ?? options.Nodes <= 1000)
        {
            _invariants = new InvariantChecker(checkGossipShape: options.Nodes <= 200);
        }

        CoreSettings = CoreSettings.From(settings);
    }

    public SimulationOptions Options { get; }

    /// <summary>The settings every node starts with (from <see cref="SimulationOptions.Configuration"/> over reference.conf).</summary>
    public CoreSettings CoreSettings { get; set; }

    public long Now { get; private set; }

    public long StepsProcessed { get; private set; }

    /// <summary>How many incarnations were made so far: it changes whenever a slot gets a new one.</summary>
    public long IncarnationsStarted => _nextUid - 1;

    /// <summary>
    /// Whether <paramref name="node"/> is the incarnation its slot holds now: by uid alone, since
    /// every incarnation of a run is made here with a uid never used before (no address hashing,
    /// which the goal check did for every member).
    /// </summary>
    public bool IsCurrentIncarnation(UniqueAddress node) => _currentUids.Contains(node.Uid);

    public SimulatedNetwork Network { get; } = new();

    public SimulationMetrics Metrics { get; } = new();

    /// <summary>Loss of every message for a while (a fault scenario's loss), on top of none.</summary>
    public double ExtraLoss { get; set; }

    /// <summary>Decides each leader transition (the simulator's leader-action hook); approves all by default.</summary>
    public Func<MemberTransition, bool> ApproveTransition { get; set; } = _ => true;

    /// <summary>Called after every step of every node (tests observe the cores through it).</summary>
    public Action<SimulatedNode, CoreState, CoreResult, ICoreInput>? Stepped { get; set; }

    public IReadOnlyList<ProgressSample> Progress => _progress.Samples;

    /// <summary>When the fraction <paramref name="quantile"/> of the live nodes first reached the goal (virtual ms since it was set).</summary>
    public long? ProgressQuantileMillis(double quantile) => _progress.QuantileMillis(quantile, _live);

    public IEnumerable<SimulatedNode> LiveNodes => _slots.OfType<SimulatedNode>().Where(n => n.IsAlive);

    public SimulatedNode? NodeAt(int slot) => slot < _slots.Count ? _slots[slot] : null;

    public static Address AddressOf(int slot) => new("akka.tcp", "sim", $"node-{slot:D5}", 2552);

    /// <summary>Sets the scenario's goal for one node's view and starts recording the dissemination curve from now.</summary>
    public void TrackGoal(Func<SimulatedNode, bool> goal) => _progress.Track(goal, LiveNodes, _live, Now);

    /// <summary>
    /// Starts watching for the first moment every live node satisfies <paramref name="condition"/>
    /// (read it from <see cref="MilestoneReachedAfterMillis"/>).
    /// </summary>
    public void TrackMilestone(Func<SimulatedNode, bool> condition)
    {
        _milestone = new Milestone(condition, Now);
        foreach (var node in LiveNodes)
        {
            _milestone.Update(node, _live, Now);
        }
    }

    /// <summary>Virtual milliseconds from <see cref="TrackMilestone"/> until every live node satisfied its condition; null if not (yet).</summary>
    public long? MilestoneReachedAfterMillis => _milestone?.ReachedAfterMillis;

    /// <summary>True when every live node reached the goal and all share one version.</summary>
    public bool HasConverged()
    {
        if (_live == 0 || _progress.Reached != _live)
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
        var self = NewIncarnation(slot);
        return Place(slot, CoreState.Initial(self, roles ?? [], CoreSettings));
    }

    /// <summary>Slots 0..count-1 as an already converged cluster: all Up, everyone has seen the same version.</summary>
    public void Bootstrap(int count)
    {
        var selves = Enumerable.Range(0, count).Select(NewIncarnation).ToList();
        var members = selves.Select((node, i) => Member.Joining(node, []).MovedUp(i + 1));
        var gossip = Gossip.Create(members).Increment(selves[0]);
        gossip = selves.Aggregate(gossip, (g, node) => g.MarkSeen(node));
        _invariants?.RecordMovedUp(selves);
        for (var slot = 0; slot < count; slot++)
        {
            var self = selves[slot];
            Place(slot, CoreState.Initial(self, [], CoreSettings) with { Phase = CorePhase.Initialized, Membership = new MembershipState(self, gossip) });
        }
    }

    public void Input(int slot, ICoreInput input) => InputAfter(_slots[slot]!, 0, input);

    public void At(long timeMillis, Action action) =>
        _queue.Schedule(timeMillis, new SimulationEvent(SimulationEventKind.Action, -1, 0, null, action));

    /// <summary>
    /// The incarnation on <paramref name="slot"/> stops at once, without a word to anyone. A process
    /// crash closes its connections (its peers' transports report it) and later connections are
    /// refused; a host crash is silence only.
    /// </summary>
    public void Crash(int slot, CrashKind kind = CrashKind.Process)
    {
        if (_slots[slot] is { IsAlive: true } node)
        {
            Kill(node, kind);
        }
    }

    /// <summary>
    /// The incarnation on <paramref name="slot"/> stops processing for <paramref name="millis"/> (a
    /// stop-the-world GC, a SIGSTOP, a starved thread pool): messages and its timer wait, and are
    /// handled in order when it resumes. Its peers see only silence.
    /// </summary>
    public void Pause(int slot, long millis)
    {
        if (_slots[slot] is { IsAlive: true } node)
        {
            node.PausedUntil = Math.Max(node.PausedUntil, Now + millis);
        }
    }

    /// <summary>Moves the wall clock of the node on <paramref name="slot"/> by <paramref name="millis"/> (either way); its monotonic clock is untouched.</summary>
    public void JumpWallClock(int slot, long millis)
    {
        if (_slots[slot] is { } node)
        {
            node.WallOffsetMillis += millis;
        }
    }

    /// <summary>Processes events until <paramref name="done"/> holds or virtual time passes <paramref name="untilMillis"/>.</summary>
    public bool RunUntil(Func<bool> done, long untilMillis)
    {
        while (!done())
        {
            if (!_queue.TryPeekTime(out var at) || at > untilMillis)
            {
                Now = Math.Max(Now, untilMillis);
                return done();
            }

            var (next, time, sequence) = _queue.Dequeue();
            Process(next, time, sequence);
        }

        return true;
    }

    public void RunFor(long millis) => RunUntil(() => false, Now + millis);

    /// <summary>A random offset in [0, <paramref name="millis"/>) from the run's seed (e.g. when in its rounds a node crashes).</summary>
    public long RandomPhase(long millis) => _random.NextInt64(millis);

    internal void Transmit(SimulatedNode from, Address to, IClusterMessage message)
    {
        var type = message is GossipStatus status ? $"GossipStatus{status.Kind}" : message.GetType().Name;
        var size = _sizer?.SizeOf(message) ?? 0;
        var (parts, partBytes, lastPartBytes) = _parts.Of(message, size);
        for (var part = 1; part < parts; part++)
        {
            Metrics.CountMessage(type, partBytes); // A message sent in parts counts once per part, under its own type.
        }

        Metrics.CountMessage(type, lastPartBytes);
        if (!_slotOf.TryGetValue(to, out var slot) || Network.IsBlocked(from.Slot, slot))
        {
            return;
        }

        if (_slots[slot] is { IsAlive: false, Crash: CrashKind.Process } dead)
        {
            Refuse(from, dead);
            return;
        }

        // Each part is lost on its own, and the message arrives with its last part.
        var loss = Math.Max(Options.Loss, ExtraLoss) + Network.LinkLoss(from.Slot, slot);
        var delay = 0L;
        for (var part = 0; part < parts; part++)
        {
            if (loss > 0 && _random.NextDouble() < loss)
            {
                return;
            }

            delay = Math.Max(delay, Delay());
        }

        _connections.Add((Math.Min(from.Slot, slot), Math.Max(from.Slot, slot)));
        _queue.Schedule(Now + delay, new SimulationEvent(SimulationEventKind.Deliver, slot, 0, message, null));
    }

    internal void ScheduleWakeUp(SimulatedNode node, long atMillis, long generation) =>
        _queue.Schedule(Math.Max(Now, atMillis), new SimulationEvent(SimulationEventKind.Input, node.Slot, node.Self.Uid, WakeUp.Instance, null, generation));

    internal void InputAfter(SimulatedNode node, long delayMillis, ICoreInput input) =>
        _queue.Schedule(Now + delayMillis, new SimulationEvent(SimulationEventKind.Input, node.Slot, node.Self.Uid, input, null));

    internal ImmutableList<MemberTransition> Approve(LeaderTransitionsProposed proposed)
    {
        var approved = proposed.Transitions.Where(ApproveTransition).ToImmutableList();
        if (proposed.IsConverged)
        {
            _invariants?.RecordMovedUp(approved.Where(t => t.To == MemberStatus.Up).Select(t => t.Member.UniqueAddress));
        }

        return approved;
    }

    internal void Kill(SimulatedNode node, CrashKind kind = CrashKind.Process)
    {
        node.IsAlive = false;
        node.Crash = kind;
        if (kind == CrashKind.Process)
        {
            // Its connections close: every peer that had one hears of it from its transport.
            foreach (var (low, high) in _connections.Where(c => c.Low == node.Slot || c.High == node.Slot).ToList())
            {
                var peer = low == node.Slot ? high : low;
                _connections.Remove((low, high));
                if (_slots[peer] is { IsAlive: true } alive && !Network.IsBlocked(node.Slot, peer))
                {
                    _queue.Schedule(Now + Delay(), new SimulationEvent(SimulationEventKind.Input, peer, alive.Self.Uid, new TransportFailure(node.Self.Address), null));
                }
            }
        }

        _live--;
        _progress.Forget(node, _live, Now);
        _milestone?.Update(node, _live, Now);
    }

    internal void OnStepped(SimulatedNode node, CoreState before, CoreResult result, ICoreInput input)
    {
        StepsProcessed++;
        if (_invariants?.Check(before, result.State) is { } violation)
        {
            throw new SimulationInvariantException(
                $"Invariant broken (seed {Options.Seed}, step {StepsProcessed}, t={Now} ms, node {node.Self}, input {input.GetType().Name}): {violation}");
        }

        Stepped?.Invoke(node, before, result, input);
        _progress.Update(node, _live, Now);
        _milestone?.Update(node, _live, Now);
    }

    private UniqueAddress NewIncarnation(int slot) => new(AddressOf(slot), _nextUid++);

    private long Delay() => (long)Math.Round(Options.Latency.TotalMilliseconds + (_random.NextDouble() * Options.Jitter.TotalMilliseconds));

    /// <summary>
    /// A connection attempt to a dead process on a live host is refused, and the sender's transport
    /// says so after a round trip; like Akka.Remote's retry gate, at most once a second per peer.
    /// </summary>
    private void Refuse(SimulatedNode from, SimulatedNode dead)
    {
        var key = (from.Slot, dead.Self.Uid);
        if (_refusedAt.TryGetValue(key, out var last) && Now - last < 1_000)
        {
            return;
        }

        _refusedAt[key] = Now;
        _queue.Schedule(Now + (2 * Delay()), new SimulationEvent(SimulationEventKind.Input, from.Slot, from.Self.Uid, new TransportFailure(dead.Self.Address), null));
    }

    private SimulatedNode Place(int slot, CoreState initial)
    {
        while (_slots.Count <= slot)
        {
            _slots.Add(null);
        }

        if (_slots[slot] is { IsAlive: true } previous)
        {
            Kill(previous);
        }

        var node = new SimulatedNode(this, slot, initial, new Random(NodeSeed(initial.Self.Uid)));
        if (_slots[slot] is { } replaced)
        {
            _currentUids.Remove(replaced.Self.Uid);
        }

        _currentUids.Add(initial.Self.Uid);
        _slots[slot] = node;
        _slotOf[initial.Self.Address] = slot;
        _live++;
        InputAfter(node, 0, Started.Instance);
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

    private void Process(SimulationEvent simulationEvent, long at, long sequence)
    {
        Now = at;
        if (simulationEvent.Kind == SimulationEventKind.Action)
        {
            simulationEvent.Action!();
            return;
        }

        var node = _slots[simulationEvent.Slot];
        if (node is not { IsAlive: true } || (simulationEvent.Kind == SimulationEventKind.Input && node.Self.Uid != simulationEvent.Uid))
        {
            return;
        }

        if (node.PausedUntil > Now)
        {
            _queue.Defer(node.PausedUntil, simulationEvent, sequence);
            return;
        }

        if (simulationEvent.Input is WakeUp && simulationEvent.WakeUpGeneration != node.WakeUpGeneration)
        {
            return; // Replaced by a later request, as a shell's single timer is.
        }

        node.Feed(simulationEvent.Input!);
    }
}
