using System.Collections.Immutable;
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
    private readonly ImmutableList<ICoreEffect>.Builder _effects = ImmutableList.CreateBuilder<ICoreEffect>();
    private readonly CoreState _before;

    public CoreStep(CoreState state, long nowMillis, Random random)
    {
        _before = state;
        State = state;
        NowMillis = nowMillis;
        Random = random;
    }

    public CoreState State { get; set; }

    public long NowMillis { get; }

    public Random Random { get; }

    public CoreSettings Settings => State.Settings;

    public UniqueAddress Self => State.Self;

    public Gossip Gossip => State.Gossip;

    public MembershipState Membership => State.Membership;

    public Member SelfMember => State.SelfMember;

    /// <summary>Where this step's new version came from, if it has one.</summary>
    public VersionSource NewVersionSource { get; private set; }

    public bool MembershipChanged => !ReferenceEquals(_before.Membership.LatestGossip, State.Gossip);

    public bool ExitingConfirmedChanged => !ReferenceEquals(_before.ExitingConfirmed, State.ExitingConfirmed);

    public void Emit(ICoreEffect effect) => _effects.Add(effect);

    public void Send(Address to, IClusterMessage message) => _effects.Add(new Send(to, message));

    public void Drop(DropReason reason, string detail) => _effects.Add(new InputDropped(reason, detail));

    public void Note(NoteKind kind, string detail) => _effects.Add(new Noted(kind, detail));

    /// <summary>Takes <paramref name="gossip"/> as the latest without it being a new local version (seen-set updates).</summary>
    public void SetGossip(Gossip gossip) => State = State with { Membership = State.Membership.WithGossip(gossip) };

    /// <summary>Adopts a version received from another node, marked seen by self unless exit tasks are running.</summary>
    public void AdoptReceived(Gossip gossip)
    {
        SetGossip(State.ExitingTasksInProgress ? gossip : gossip.MarkSeen(Self));
        NewVersionSource = NewVersionSource == VersionSource.Local ? VersionSource.Local : VersionSource.Received;
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

    /// <summary>Asks the shell for a <see cref="WakeUp"/> at <paramref name="atMillis"/>, unless an earlier one is already due.</summary>
    public void RequestWakeUp(long atMillis)
    {
        if (State.WakeUpAtMillis is { } pending && pending > NowMillis && pending <= atMillis)
        {
            return;
        }

        State = State with { WakeUpAtMillis = atMillis };
        Emit(new ScheduleWakeUp(atMillis));
    }

    public void SendGossipTo(UniqueAddress node) =>
        Send(node.Address, new GossipEnvelope(Self, node, Gossip));

    public void SendStatusTo(UniqueAddress node, GossipStatusKind kind) =>
        Send(node.Address, new GossipStatus(Self, node, Gossip.Version, SeenDigest.Of(Gossip), kind));

    public CoreResult Finish()
    {
        if (MembershipChanged)
        {
            _effects.Insert(0, new MembershipChanged(_before.Membership, State.Membership));
        }

        return new CoreResult(State, _effects.ToImmutable());
    }
}

/// <summary>Whether a step produced a version this node has not had before, and from where.</summary>
internal enum VersionSource
{
    None,
    Local,
    Received,
}

