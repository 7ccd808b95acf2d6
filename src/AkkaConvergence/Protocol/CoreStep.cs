using Akka.Actor;
using AkkaConvergence.Membership;

namespace AkkaConvergence.Protocol;

/// <summary>
/// The working context of one core step: the state as it evolves, the step's time and random
/// source, and the effects collected so far. Lives only for the duration of
/// <see cref="ClusterCore.Step"/>; the step as a whole stays a pure function.
/// </summary>
internal sealed class CoreStep
{
    private readonly List<ICoreEffect> _effects = [];
    private readonly CoreState _before;
    private readonly bool _isWakeUp;

    public CoreStep(CoreState state, CoreTime now, Random random, bool isWakeUp)
    {
        _before = state;
        State = state;
        NowMillis = now.Millis;
        WallMillis = now.WallMillis;
        Random = random;
        _isWakeUp = isWakeUp;
        WakeUpLatenessMillis = isWakeUp && state.WakeUpAtMillis is { } due ? Math.Max(0, now.Millis - due) : 0;
    }

    public CoreState State { get; set; }

    /// <summary>Monotonic now: every deadline, interval and age.</summary>
    public long NowMillis { get; }

    /// <summary>Wall-clock now: only for tombstones, whose times must mean the same on every node.</summary>
    public long WallMillis { get; }

    public Random Random { get; }

    /// <summary>For a wake-up: how late it came after the deadline it was asked for (this node was starved when it is large).</summary>
    public long WakeUpLatenessMillis { get; }

    public CoreSettings Settings => State.Settings;

    public UniqueAddress Self => State.Self;

    public Gossip Gossip => State.Gossip;

    public MembershipState Membership => State.Membership;

    public Member SelfMember => State.SelfMember;

    /// <summary>The leader already planned its actions in this step (so the follow-ups of a change need not plan again).</summary>
    public bool LeaderActionsPlanned { get; set; }

    /// <summary>
    /// This step sent the leader a reply with the seen entries it lacked (most often because the
    /// leader sent this node a version): an acknowledgement would tell it the same again.
    /// </summary>
    public bool TellsLeaderOfSeen { get; private set; }

    /// <summary>Where this step's new version came from, if it has one.</summary>
    public VersionSource NewVersionSource { get; private set; }

    public bool MembershipChanged => !ReferenceEquals(_before.Membership.LatestGossip, State.Gossip);

    /// <summary>The gossip this node held when the step began.</summary>
    public Gossip GossipBefore => _before.Membership.LatestGossip;

    /// <summary>The key/value side of the state.</summary>
    public KeyValueState KeyValue
    {
        get => State.KeyValue;
        set => State = State with { KeyValue = value };
    }

    /// <summary>Entries (owner, key) whose visible value changed in this step, for the shell to publish.</summary>
    public List<(UniqueAddress Owner, string Key)> StateChanges { get; } = [];

    public bool ExitingConfirmedChanged => !ReferenceEquals(_before.ExitingConfirmed, State.ExitingConfirmed);

    public void Emit(ICoreEffect effect) => _effects.Add(effect);

    public void Send(Address to, IClusterMessage message) => _effects.Add(new Send(to, message));

    public void Drop(DropReason reason, ICoreInput input, UniqueAddress? node = null, Address? address = null, string? detail = null) =>
        _effects.Add(new InputDropped(reason, input.GetType().Name, node, address, detail));

    public void Drop(DropReason reason, string input, UniqueAddress? node = null, Address? address = null) =>
        _effects.Add(new InputDropped(reason, input, node, address));

    public void Note(CoreFact fact) => _effects.Add(fact);

    /// <summary>Takes <paramref name="gossip"/> as the latest without it being a new local version (seen-set updates).</summary>
    public void SetGossip(Gossip gossip) => State = State with { Membership = State.Membership.WithGossip(gossip) };

    /// <summary>Adopts a version received from another node, marked seen by self unless exit tasks are running.</summary>
    public void AdoptReceived(Gossip gossip)
    {
        SetGossip(State.ExitingTasksInProgress ? gossip : gossip.MarkSeen(Self));
        NewVersionSource = NewVersionSource == VersionSource.Local ? VersionSource.Local : VersionSource.Received;
    }

    /// <summary>
    /// Adopts the version this node was welcomed with: acknowledged like a received one, but not
    /// pushed. Its welcomer is spreading it, and a joiner knows no member's version, so each of its
    /// pushes was the whole gossip (at 10,000 members two of 60 KB per join).
    /// </summary>
    public void AdoptWelcomed(Gossip gossip)
    {
        AdoptReceived(gossip);
        NewVersionSource = VersionSource.Welcomed;
    }

    /// <summary>
    /// Makes a local change: bumps self's clock entry and resets the seen-set to {self} (to {}
    /// while exit tasks run, so the leader does not remove this node before they are done).
    /// </summary>
    public void ChangeLocally(Gossip changed)
    {
        var versioned = changed.Increment(Self);
        SetGossip(State.ExitingTasksInProgress ? versioned.ClearSeen() : versioned.OnlySeen(Self));
        NewVersionSource = VersionSource.Local;
    }

    /// <summary>Sends the gossip to <paramref name="node"/>, as a delta from the version it most likely holds (<see cref="DeltaBasis.Likely"/>).</summary>
    public void SendGossipTo(UniqueAddress node) => SendGossipTo(node, DeltaBasis.Likely(Membership, node));

    /// <summary>
    /// Sends the gossip to <paramref name="node"/> as the delta from <paramref name="basis"/>, a
    /// version it holds or likely holds; whole when there is no basis, deltas are off, or no delta
    /// will do (<see cref="GossipDelta.Between"/>).
    /// </summary>
    public void SendGossipTo(UniqueAddress node, Gossip? basis)
    {
        if (Settings.DeltaGossip && basis is not null && GossipDelta.Between(basis, Gossip) is { } delta)
        {
            // Its seen-set bounded as a status's is: the leader's repairs of a version most members
            // had seen carried 1.25 KB of bits each at 10,000 members, more than the change itself.
            Send(node.Address, new GossipDeltaEnvelope(Self, node, delta with { Seen = delta.Seen.Window(OwnIndex(), Random) }));
            return;
        }

        Send(node.Address, new GossipEnvelope(Self, node, Gossip));
    }

    public void SendFingerprintTo(UniqueAddress node) =>
        Send(node.Address, new VersionFingerprint(Self, node, GossipFingerprint.Of(Gossip), State.KeyValue.Store.Summary));

    /// <summary>
    /// A status of our version (its clock's fingerprint), with our seen-set or the part of it given
    /// (<see cref="SeenDigest.Lacking"/>), at most a window of it (<see cref="SeenDigest.Window"/>).
    /// </summary>
    public void SendStatusTo(UniqueAddress node, GossipStatusKind kind, SeenDigest? seen = null)
    {
        TellsLeaderOfSeen |= kind == GossipStatusKind.Reply && node == Membership.Leader;
        var told = (seen ?? SeenDigest.Of(Gossip)).Window(OwnIndex(), Random);
        Send(node.Address, new GossipStatus(Self, node, GossipFingerprint.OfVersion(Gossip.Version), told, kind, State.KeyValue.Store.Summary));
    }

    /// <summary>This node's place in the gossip's member order, or -1 (a node being removed).</summary>
    private int OwnIndex() =>
        Gossip.TryGetMember(Self, out var member) ? Gossip.Members.IndexOf(member) : -1;

    /// <summary>
    /// Ends the step: the view change first, then the effects in order, then the wake-up for the
    /// earliest deadline if it differs from the one the shell holds (always after a wake-up, whose
    /// timer is used up).
    /// </summary>
    public CoreResult Finish()
    {
        if (MembershipChanged)
        {
            _effects.Insert(0, new MembershipChanged(_before.Membership, State.Membership, State.IsConverged));
        }

        if (!ReferenceEquals(_before.KeyValue.Store, State.KeyValue.Store))
        {
            _effects.Insert(MembershipChanged ? 1 : 0, new KeyValueChanged(State.KeyValue.Store, [.. StateChanges]));
        }

        if (CoreDeadlines.NextDueAt(State) is { } due)
        {
            // A deadline still at or before now after a wake-up would wake the node again at once,
            // forever; every module moves its deadline on when it runs, this only keeps a slip
            // from becoming a busy loop.
            var at = _isWakeUp ? Math.Max(due, NowMillis + 1) : due;
            if (_isWakeUp || State.WakeUpAtMillis != at)
            {
                State = State with { WakeUpAtMillis = at };
                _effects.Add(new ScheduleWakeUp(at));
            }
        }

        return new CoreResult(State, [.. _effects]);
    }
}

/// <summary>Whether a step produced a version this node has not had before, and from where.</summary>
internal enum VersionSource
{
    None,
    Local,
    Received,

    /// <summary>Received in the welcome that made this node a member: acknowledged, not pushed.</summary>
    Welcomed,
}
