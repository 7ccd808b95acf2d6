using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using AkkaConvergence.FailureDetection;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Actors;

/// <summary>
/// The thin shell around <see cref="ClusterCore"/>: turns messages and timer ticks into core
/// inputs and carries out the effects (sends, wake-ups, state publication, leader-action hooks,
/// shutdown). It holds no protocol rule of its own.
/// </summary>
internal sealed class MembershipActor : ReceiveActor, IWithTimers
{
    private readonly ShellContext _shell;
    private readonly IFailureDetectorRegistry<Address> _detectors;
    private readonly TimeProvider _time;
    private readonly IActorRef _publisher;
    private readonly IActorRef _heartbeat;
    private readonly Random _random;
    private readonly MembershipLog _log;
    private readonly Dictionary<Address, ActorSelection> _peers = [];
    private readonly MonitoredNodes _monitored;
    private CoreState _state;

    public MembershipActor(ShellContext shell, IFailureDetectorRegistry<Address> detectors, IActorRef publisher, IActorRef heartbeat)
    {
        _shell = shell;
        _detectors = detectors;
        _time = shell.Time;
        _publisher = publisher;
        _heartbeat = heartbeat;
        _random = new Random(unchecked((int)shell.Self.Uid));
        _log = new MembershipLog(Context.GetLogger(), shell.Self);
        _state = CoreState.Initial(shell.Self, shell.Settings.Roles, CoreSettings.From(shell.Settings));
        _monitored = new MonitoredNodes(shell.Self, shell.Settings.FailureDetector.MonitoredByNrOfMembers);

        Receive<ReapTick>(_ => Step(new ReachabilityObserved(Unavailable())));
        Receive<ICoreInput>(Step);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ShellContext shell, IFailureDetectorRegistry<Address> detectors, IActorRef publisher, IActorRef heartbeat) =>
        Akka.Actor.Props.Create(() => new MembershipActor(shell, detectors, publisher, heartbeat));

    protected override void PreStart()
    {
        var settings = _shell.Settings;
        var delay = settings.PeriodicTasksInitialDelay;
        Timers.StartPeriodicTimer("gossip", GossipTick.Instance, Max(delay, settings.GossipInterval), settings.GossipInterval);
        Timers.StartPeriodicTimer("leader", LeaderActionsTick.Instance, Max(delay, settings.LeaderActionsInterval), settings.LeaderActionsInterval);
        Timers.StartPeriodicTimer("reap", ReapTick.Instance, Max(delay, settings.UnreachableNodesReaperInterval), settings.UnreachableNodesReaperInterval);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private long NowMillis => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Step(ICoreInput input)
    {
        var result = ClusterCore.Step(_state, input, NowMillis, _random);
        _state = result.State;
        foreach (var effect in result.Effects)
        {
            Execute(effect);
        }
    }

    private void Execute(ICoreEffect effect)
    {
        switch (effect)
        {
            case Send send:
                Peer(send.To).Tell(send.Message, Self);
                break;
            case ScheduleWakeUp wakeUp:
                Timers.StartSingleTimer("wake-up", WakeUp.Instance, TimeSpan.FromMilliseconds(Math.Max(0, wakeUp.AtMillis - NowMillis)));
                break;
            case MembershipChanged changed:
                OnMembershipChanged(changed);
                break;
            case LeaderTransitionsProposed proposed:
                Step(new ApplyLeaderTransitions(_shell.Hooks.Approve(proposed.Transitions, Snapshot(proposed.State), _log.HookFailed)));
                break;
            case LeaderTransitionsApplied applied:
                _log.LeaderApplied(applied.Transitions);
                _shell.Hooks.NotifyApplied(applied.Transitions, Snapshot(applied.State), _log.HookFailed);
                break;
            case ShutdownRequested shutdown:
                _shell.Host.OnShutdownRequested(shutdown.Reason);
                break;
            case InputDropped dropped:
                _shell.Metrics.CountDrop(dropped.Reason);
                _log.Dropped(dropped);
                break;
            case Noted noted:
                _log.Noted(noted);
                break;
        }
    }

    private void OnMembershipChanged(MembershipChanged changed)
    {
        var state = Snapshot(changed.Current);
        _shell.Host.UpdateState(state);
        _publisher.Tell(new PublishState(state));
        if (!ReferenceEquals(changed.Previous.Members, changed.Current.Members))
        {
            _heartbeat.Tell(new MembersChanged(changed.Current.Members));
        }

        if (changed.Previous.Leader != changed.Current.Leader)
        {
            _log.LeaderChanged(changed.Current.Leader);
        }
    }

    private CurrentClusterState Snapshot(MembershipState membership) =>
        CurrentClusterState.From(membership, ReferenceEquals(membership, _state.Membership) ? _state.IsConverged : membership.IsConverged(_state.ExitingConfirmed));

    /// <summary>The monitored members the phi-accrual detectors currently consider unavailable.</summary>
    private ImmutableHashSet<UniqueAddress> Unavailable() =>
        _monitored.Among(_state.Gossip.Members).Where(node => !_detectors.IsAvailable(node.Address)).ToImmutableHashSet();

    private ICanTell Peer(Address address)
    {
        if (address.Equals(_state.Self.Address))
        {
            return Self;
        }

        if (!_peers.TryGetValue(address, out var peer))
        {
            peer = Context.ActorSelection(ConvergencePaths.MembershipAt(address));
            _peers[address] = peer;
        }

        return peer;
    }
}
