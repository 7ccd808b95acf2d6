using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using AkkaConvergence.Diagnostics;
using AkkaConvergence.Protocol;
using AkkaConvergence.Wire;

namespace AkkaConvergence.Actors;

/// <summary>
/// The thin shell around the core: feeds peers' messages, local commands and its one wake-up
/// timer to a <see cref="CoreDriver"/> and carries out the effects (sends, the timer, state
/// publication, leader-action hooks, shutdown, logging). It holds no protocol rule of its own.
/// </summary>
internal sealed class MembershipActor : ReceiveActor, IWithTimers, ICoreShell
{
    private const string WakeUpTimer = "wake-up";

    private readonly ShellContext _shell;
    private readonly IActorRef _publisher;
    private readonly MembershipLog _log;
    private readonly Dictionary<Address, ActorSelection> _peers = [];
    private readonly long _origin;
    private readonly CoreDriver _driver;
    private readonly ConvergenceStopwatch _convergence = new();
    private readonly LargeMessages _largeMessages;

    public MembershipActor(ShellContext shell, IActorRef publisher)
    {
        _shell = shell;
        _publisher = publisher;
        _log = new MembershipLog(Context.GetLogger(), shell.Self);
        _origin = shell.Origin;
        var initial = CoreState.Initial(shell.Self, shell.Settings.Roles, CoreSettings.From(shell.Settings));
        _driver = new CoreDriver(initial, this, Now, new Random(unchecked((int)shell.Self.Uid)));
        _largeMessages = new LargeMessages(shell.Frame, shell.Self, shell.Settings.MaxMessageSize);

        Receive<Inbound>(inbound => LocalProof.IsGenuine(inbound.Proof) && inbound.Message is WirePart, inbound => TakePart((WirePart)inbound.Message));
        Receive<Inbound>(inbound => LocalProof.IsGenuine(inbound.Proof), inbound => _driver.Feed(inbound.Message));
        Receive<LocalRequest>(request => request is { IsGenuine: true, Request: WriteState }, request => Write((WriteState)request.Request));
        Receive<LocalRequest>(request => request is { IsGenuine: true, Request: ICoreInput }, request => _driver.Feed((ICoreInput)request.Request));

        // Akka.Remote's word that a connection to a peer was lost or could not be made: at worst
        // (forged) it only makes this node probe that peer now.
        Receive<DisassociatedEvent>(lost => _driver.Feed(new TransportFailure(lost.RemoteAddress)));
        Receive<AssociationErrorEvent>(failed => _driver.Feed(new TransportFailure(failed.RemoteAddress)));
        ReceiveAny(Refuse);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ShellContext shell, IActorRef publisher) =>
        Akka.Actor.Props.Create(() => new MembershipActor(shell, publisher));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        Context.System.EventStream.Subscribe(Self, typeof(AssociationErrorEvent));
        _driver.Feed(Started.Instance);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    void ICoreShell.Send(Address to, IClusterMessage message)
    {
        if (to.Equals(_shell.Self.Address))
        {
            _driver.Feed(message); // To itself: queued behind the current step, no trip through the mailbox.
            return;
        }

        if (!_peers.TryGetValue(to, out var peer))
        {
            peer = Context.ActorSelection(ConvergencePaths.MembershipAt(to));
            _peers[to] = peer;
        }

        if (!FrameSplitter.CanOutgrowAFrame(message))
        {
            peer.Tell(message, Self);
            return;
        }

        foreach (var outgoing in _largeMessages.ToSend(message))
        {
            peer.Tell(outgoing, Self);
        }
    }

    void ICoreShell.ScheduleWakeUp(long atMillis) =>
        Timers.StartSingleTimer(WakeUpTimer, LocalRequest.Of(WakeUp.Instance), TimeSpan.FromMilliseconds(Math.Max(0, atMillis - Now().Millis)));

    void ICoreShell.OnMembershipChanged(MembershipChanged changed)
    {
        var state = CurrentClusterState.From(changed.Current, changed.IsConverged);
        if (_convergence.Observe(changed.IsConverged, Now().Millis) is { } converged)
        {
            _shell.Metrics.Meter.ConvergedAfter(converged); // Before the view shows it: a reader of the view finds it measured.
        }

        _shell.Host.UpdateState(state, UnreachableObservers.Of(changed.Current));
        _publisher.Tell(LocalRequest.Of(new PublishState(state)));

        if (changed.Previous.Leader != changed.Current.Leader)
        {
            _log.LeaderChanged(changed.Current.Leader);
        }
    }

    void ICoreShell.OnKeyValueChanged(KeyValueChanged changed)
    {
        _shell.Host.UpdateKeyValue(changed.Store);
        var others = changed.Changes.Where(c => c.Owner != _shell.Self).Select(c => new GossipStateChanged(c.Owner, c.Key)).ToImmutableArray();
        _shell.Metrics.Meter.StateChanged(own: true, changed.Changes.Length - others.Length);
        if (others.Length > 0)
        {
            _shell.Metrics.Meter.StateChanged(own: false, others.Length);
            _publisher.Tell(LocalRequest.Of(new PublishStateChanges(others)));
        }
    }

    ImmutableList<MemberTransition> ICoreShell.ApproveLeaderTransitions(LeaderTransitionsProposed proposed) =>
        _shell.Hooks.Approve(proposed.Transitions, CurrentClusterState.From(proposed.State, proposed.IsConverged), _log.HookFailed);

    void ICoreShell.OnLeaderTransitionsApplied(LeaderTransitionsApplied applied)
    {
        _log.LeaderApplied(applied.Transitions);
        _shell.Hooks.NotifyApplied(applied.Transitions, CurrentClusterState.From(applied.State, applied.IsConverged), _log.HookFailed);
    }

    void ICoreShell.OnShutdownRequested(ShutdownReason reason)
    {
        if (reason != ShutdownReason.Exiting)
        {
            Timers.CancelAll(); // The membership has ended: nothing is due any more.
        }

        _shell.Host.OnShutdownRequested(reason);
    }

    void ICoreShell.OnInputDropped(InputDropped dropped) => _log.Dropped(dropped, _shell.Metrics.CountDrop(dropped.Reason));

    void ICoreShell.OnFact(CoreFact fact)
    {
        _log.Fact(fact);
        _shell.Metrics.Meter.Fact(fact);
    }

    /// <summary>Steps a write; its waiter learns whether this node's own state now holds it (a quota may have refused it).</summary>
    private void Write(WriteState write)
    {
        _driver.Feed(write.Command);
        if (write.Done is not { } done)
        {
            return;
        }

        var own = _driver.State.KeyValue.Store.Of(_shell.Self);
        var holds = write.Command switch
        {
            SetStateCommand set => own.Entries.TryGetValue(set.Key, out var entry) && Equals(entry.Value, set.Value),
            DeleteStateCommand delete => !own.Entries.TryGetValue(delete.Key, out var entry) || entry.IsDeleted,
            _ => false,
        };
        if (holds)
        {
            done.TrySetResult();
        }
        else
        {
            done.TrySetException(new ArgumentException("The write was refused by a gossip-state quota (see the log).", "value"));
        }
    }

    /// <summary>A part of a large message: the last one delivers the message as if it had come whole.</summary>
    private void TakePart(WirePart part)
    {
        var intake = _largeMessages.Take(part, Now().Millis);
        for (var i = 0; i < intake.Abandoned; i++)
        {
            _log.Refused(RefusalReason.AbandonedParts, part, Sender, _shell.Metrics.CountRefusal(RefusalReason.AbandonedParts));
        }

        switch (intake.Delivered)
        {
            case Inbound { Message: not WirePart } inbound:
                _driver.Feed(inbound.Message);
                break;
            case RefusedInbound refused:
                Refuse(refused);
                break;
            case Inbound:
            case null when intake.Outcome is PartOutcome.Mismatched or PartOutcome.TooLarge:
                _log.Refused(RefusalReason.MalformedParts, part, Sender, _shell.Metrics.CountRefusal(RefusalReason.MalformedParts));
                break;
        }
    }

    private CoreTime Now() => new((long)_shell.Time.GetElapsedTime(_origin).TotalMilliseconds, _shell.Time.GetUtcNow().ToUnixTimeMilliseconds());

    private void Refuse(object message)
    {
        var reason = Refusals.ReasonOf(message);
        _log.Refused(reason, message, Sender, _shell.Metrics.CountRefusal(reason));
    }
}
