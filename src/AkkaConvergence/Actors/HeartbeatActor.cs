using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Remote;
using AkkaConvergence.FailureDetection;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Actors;

/// <summary>
/// Both sides of heartbeating. As a receiver it answers every <see cref="Heartbeat"/>; as a
/// sender it heartbeats the members it monitors (the next k on the uid ring) and feeds only their
/// answers to the shared phi-accrual detector registry, which the membership actor reads.
/// </summary>
internal sealed class HeartbeatActor : ReceiveActor, IWithTimers
{
    private readonly UniqueAddress _self;
    private readonly FailureDetectorSettings _settings;
    private readonly IFailureDetectorRegistry<Address> _detectors;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ImmutableSortedSet<Member> _members = [];
    private ImmutableHashSet<UniqueAddress> _monitored = [];
    private readonly HashSet<UniqueAddress> _awaitingFirstAnswer = [];
    private long _sequenceNr;
    private long? _lastTickMillis;

    public HeartbeatActor(UniqueAddress self, FailureDetectorSettings settings, IFailureDetectorRegistry<Address> detectors, TimeProvider time)
    {
        _self = self;
        _settings = settings;
        _detectors = detectors;
        _time = time;
        Receive<Heartbeat>(heartbeat => Sender.Tell(new HeartbeatResponse(_self, heartbeat.SequenceNr, heartbeat.CreationTimeMillis)));
        Receive<HeartbeatResponse>(OnResponse);
        Receive<MembersChanged>(OnMembersChanged);
        Receive<HeartbeatTick>(_ => OnTick());
        Receive<ExpectedFirstHeartbeat>(expected =>
        {
            // No answer yet: start the detector anyway, so a node that never answers is detected.
            if (_monitored.Contains(expected.Node) && !_detectors.IsMonitoring(expected.Node.Address))
            {
                _detectors.Heartbeat(expected.Node.Address);
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(UniqueAddress self, FailureDetectorSettings settings, IFailureDetectorRegistry<Address> detectors, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new HeartbeatActor(self, settings, detectors, time));

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("heartbeat", HeartbeatTick.Instance, _settings.HeartbeatInterval);

    private void OnMembersChanged(MembersChanged changed)
    {
        var known = _members.Select(m => m.UniqueAddress).ToHashSet();
        foreach (var member in changed.Members.Where(m => !known.Contains(m.UniqueAddress) && m.UniqueAddress != _self))
        {
            _detectors.Remove(member.Address); // A new member (or incarnation) starts with a clean history.
        }

        _members = changed.Members;
        var monitored = HeartbeatRing.ReceiversOf(_self, _members.Select(m => m.UniqueAddress), _settings.MonitoredByNrOfMembers).ToImmutableHashSet();
        foreach (var gone in _monitored.Except(monitored))
        {
            _detectors.Remove(gone.Address);
            _awaitingFirstAnswer.Remove(gone);
        }

        _monitored = monitored;
    }

    private void OnTick()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_lastTickMillis is { } last && now - last >= 2 * _settings.HeartbeatInterval.TotalMilliseconds)
        {
            _log.Warning(
                "Scheduled sending of heartbeats was delayed by {0} ms (interval {1} ms): thread starvation, CPU overload or GC pauses can cause false unreachability.",
                now - last,
                _settings.HeartbeatInterval.TotalMilliseconds);
        }

        _lastTickMillis = now;
        _sequenceNr++;
        foreach (var node in _monitored)
        {
            Context.ActorSelection(ConvergencePaths.HeartbeatAt(node.Address)).Tell(new Heartbeat(_self.Address, _sequenceNr, now), Self);
            if (!_detectors.IsMonitoring(node.Address) && _awaitingFirstAnswer.Add(node))
            {
                Timers.StartSingleTimer(("first", node), new ExpectedFirstHeartbeat(node), _settings.ExpectedResponseAfter);
            }
        }
    }

    private void OnResponse(HeartbeatResponse response)
    {
        if (_monitored.Contains(response.From))
        {
            _awaitingFirstAnswer.Remove(response.From);
            _detectors.Heartbeat(response.From.Address);
        }
    }
}
