using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.FailureDetection;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Tests.Protocol;

/// <summary>Drives single core steps and reads their effects, so each rule can be stated in a few lines.</summary>
internal static class CoreHarness
{
    /// <summary>The wall clock at monotonic 0 in these tests (any value works: only tombstones read it).</summary>
    public const long WallOrigin = 1_767_225_600_000;

    public static CoreSettings Settings { get; } = CoreSettings.Default;

    /// <summary>The reference settings with Akka's heartbeats and phi-accrual as the failure detector.</summary>
    public static CoreSettings PhiSettings { get; } = Settings with { FailureDetector = Settings.FailureDetector with { Kind = FailureDetectorKind.PhiAccrual } };

    public static CoreState Fresh(UniqueAddress self, CoreSettings? settings = null, params string[] roles) =>
        CoreState.Initial(self, roles, settings ?? Settings);

    /// <summary>An initialized node holding <paramref name="gossip"/>; nothing is scheduled until a test says so.</summary>
    public static CoreState Holding(UniqueAddress self, Gossip gossip, CoreSettings? settings = null) =>
        Fresh(self, settings) with { Phase = CorePhase.Initialized, Membership = new MembershipState(self, gossip) };

    public static CoreTime At(long now) => new(now, WallOrigin + now);

    public static CoreResult Step(this CoreState state, ICoreInput input, long now = 1_000, int seed = 1) =>
        ClusterCore.Step(state, input, At(now), new Random(seed));

    public static CoreResult Then(this CoreResult result, ICoreInput input, long now = 1_000, int seed = 1) =>
        ClusterCore.Step(result.State, input, At(now), new Random(seed));

    /// <summary>The wake-up the shell's timer was set for at exactly <paramref name="now"/> (so it is not late).</summary>
    public static CoreResult WakeAt(this CoreState state, long now, int seed = 1) =>
        (state with { WakeUpAtMillis = now }).Step(WakeUp.Instance, now, seed);

    /// <summary>The wake-up at which this node's gossip round is due.</summary>
    public static CoreResult AtGossipRound(this CoreState state, long now = 1_000, int seed = 1) =>
        (state with { Schedule = state.Schedule with { GossipAtMillis = now } }).WakeAt(now, seed);

    /// <summary>The wake-up at which this node's leader-actions round is due.</summary>
    public static CoreResult AtLeaderActionsRound(this CoreState state, long now = 1_000, int seed = 1) =>
        (state with { Schedule = state.Schedule with { LeaderActionsAtMillis = now } }).WakeAt(now, seed);

    /// <summary>The wake-up at which this node's failure detector verdicts are reaped.</summary>
    public static CoreResult AtReap(this CoreState state, long now = 1_000) =>
        (state with { Heartbeats = state.Heartbeats with { ReapAtMillis = now } }).WakeAt(now);

    /// <summary>
    /// This node monitors these members, and at <paramref name="now"/> their detectors say available
    /// (an answer just arrived) or unavailable (silent for a minute).
    /// </summary>
    public static CoreState Monitoring(this CoreState state, long now, IEnumerable<UniqueAddress> available, IEnumerable<UniqueAddress> unavailable)
    {
        var settings = state.Settings.FailureDetector;
        var fresh = PhiAccrualDetector.FirstHeartbeat(now, settings);
        var silent = PhiAccrualDetector.FirstHeartbeat(now - 60_000, settings);
        var monitored = available.Select(n => (n, fresh)).Concat(unavailable.Select(n => (n, silent)))
            .ToImmutableSortedDictionary(p => p.n, p => new MonitoredPeer(p.Item2, null));
        return state with { Heartbeats = state.Heartbeats with { Monitored = monitored } };
    }

    public static IEnumerable<(Address To, T Message)> Sent<T>(this CoreResult result)
        where T : IClusterMessage =>
        result.Effects.OfType<Send>().Where(s => s.Message is T).Select(s => (s.To, (T)s.Message));

    /// <summary>
    /// Every gossip sent, whole or as a delta, as the gossip its receiver gets: a delta applied to
    /// the first of <paramref name="bases"/> or of the sender's recent versions it fits (a test
    /// fails if none does, since then no receiver could use it).
    /// </summary>
    public static IEnumerable<(Address To, Gossip Gossip)> SentGossips(this CoreResult result, params Gossip[] bases) =>
        result.Effects.OfType<Send>().Where(s => s.Message is GossipEnvelope or GossipDeltaEnvelope).Select(s => s.Message switch
        {
            GossipEnvelope whole => (s.To, whole.Gossip),
            GossipDeltaEnvelope delta => (s.To, bases.Concat(result.State.Membership.RecentVersions).Select(delta.Delta.ApplyTo).FirstOrDefault(g => g is not null)
                ?? throw new Xunit.Sdk.XunitException($"A delta to {s.To} fits none of the sender's versions.")),
            _ => throw new InvalidOperationException(),
        });

    public static IEnumerable<T> Effects<T>(this CoreResult result) => result.Effects.OfType<T>();

    public static IEnumerable<DropReason> Drops(this CoreResult result) => result.Effects<InputDropped>().Select(d => d.Reason);

    /// <summary>Answers a leader proposal the way the shell does with no hooks: approve everything.</summary>
    public static CoreResult ApproveAll(this CoreResult result, long now = 1_000)
    {
        var proposed = result.Effects<LeaderTransitionsProposed>().SingleOrDefault();
        return proposed is null ? result : result.Then(new ApplyLeaderTransitions(proposed.Transitions), now);
    }

    public static GossipEnvelope GossipFrom(UniqueAddress from, UniqueAddress to, Gossip gossip) => new(from, to, gossip);

    public static ImmutableList<Address> Seeds(params UniqueAddress[] nodes) => nodes.Select(n => n.Address).ToImmutableList();
}
