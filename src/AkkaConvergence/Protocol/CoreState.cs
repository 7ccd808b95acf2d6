using System.Collections.Immutable;
using AkkaConvergence.FailureDetection;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol.Downing;

namespace AkkaConvergence.Protocol;

/// <summary>Everything one node's core knows. Immutable: each step returns a new state.</summary>
/// <param name="Self">This incarnation.</param>
/// <param name="Roles">This node's roles.</param>
/// <param name="Settings">The core's settings.</param>
/// <param name="Phase">Where the node is in its membership lifetime.</param>
/// <param name="Membership">The latest gossip as this node sees it.</param>
/// <param name="ExitingConfirmed">Exiting members that confirmed their exit tasks are done.</param>
/// <param name="Join">The ongoing join, while <see cref="Phase"/> is Joining.</param>
/// <param name="NotConvergedSinceMillis">While leader: since when convergence has been missing (for WeaklyUp).</param>
/// <param name="ExitingTasksInProgress">Self is Exiting and running its exit tasks: it does not mark versions seen.</param>
/// <param name="SelfDownTicks">Leader-action rounds since this node saw itself Down.</param>
/// <param name="Downing">Stability tracking for the downing strategy.</param>
/// <param name="Push">Pending event-driven pushes and acknowledgements, and when they last went out.</param>
/// <param name="Schedule">When the periodic gossip and leader-action rounds run next.</param>
/// <param name="Heartbeats">The heartbeat failure detector (failure-detector.kind = phi-accrual).</param>
/// <param name="Lifeguard">The probing failure detector (failure-detector.kind = lifeguard).</param>
/// <param name="WakeUpAtMillis">The wake-up currently requested from the shell (its one timer), if any.</param>
/// <param name="EarlyAskers">Nodes that sent InitJoin before this node was a member; they get an InitJoinAck as soon as it is.</param>
/// <param name="TombstonesNoticedAtMillis">When this node first held each tombstone of its gossip (monotonic; see <see cref="TombstoneAges"/>).</param>
/// <param name="KeyValue">The per-member key/value state and its dissemination (see <see cref="StateGossip"/>).</param>
internal sealed record CoreState(
    UniqueAddress Self,
    ImmutableSortedSet<string> Roles,
    CoreSettings Settings,
    CorePhase Phase,
    MembershipState Membership,
    ImmutableHashSet<UniqueAddress> ExitingConfirmed,
    JoinProgress? Join,
    long? NotConvergedSinceMillis,
    bool ExitingTasksInProgress,
    int SelfDownTicks,
    DowningTracker Downing,
    PushState Push,
    CoreSchedule Schedule,
    HeartbeatState Heartbeats,
    LifeguardState Lifeguard,
    long? WakeUpAtMillis,
    ImmutableHashSet<Akka.Actor.Address> EarlyAskers,
    ImmutableDictionary<UniqueAddress, long> TombstonesNoticedAtMillis,
    KeyValueState KeyValue)
{
    public static CoreState Initial(UniqueAddress self, IEnumerable<string> roles, CoreSettings settings) => new(
        self,
        roles.ToImmutableSortedSet(StringComparer.Ordinal),
        settings,
        CorePhase.Uninitialized,
        new MembershipState(self, Gossip.Empty),
        [],
        null,
        null,
        false,
        0,
        DowningTracker.Initial,
        PushState.Idle,
        CoreSchedule.NotStarted,
        HeartbeatState.NotStarted,
        LifeguardState.NotStarted,
        null,
        [],
        ImmutableDictionary<UniqueAddress, long>.Empty,
        KeyValueState.Initial);

    public Gossip Gossip => Membership.LatestGossip;

    public Member SelfMember => Membership.SelfMember;

    public bool IsInitialized => Phase == CorePhase.Initialized;

    public bool IsConverged => Membership.IsConverged(ExitingConfirmed);
}
