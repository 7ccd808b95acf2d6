using System.Collections.Immutable;
using Akka.Actor;
using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Tests.Protocol;

/// <summary>Drives single core steps and reads their effects, so each rule can be stated in a few lines.</summary>
internal static class CoreHarness
{
    public static CoreSettings Settings { get; } = CoreSettings.Default;

    public static CoreState Fresh(UniqueAddress self, CoreSettings? settings = null, params string[] roles) =>
        CoreState.Initial(self, roles, settings ?? Settings);

    /// <summary>An initialized node holding <paramref name="gossip"/>.</summary>
    public static CoreState Holding(UniqueAddress self, Gossip gossip, CoreSettings? settings = null) =>
        Fresh(self, settings) with { Phase = CorePhase.Initialized, Membership = new MembershipState(self, gossip) };

    public static CoreResult Step(this CoreState state, ICoreInput input, long now = 1_000, int seed = 1) =>
        ClusterCore.Step(state, input, now, new Random(seed));

    public static CoreResult Then(this CoreResult result, ICoreInput input, long now = 1_000, int seed = 1) =>
        ClusterCore.Step(result.State, input, now, new Random(seed));

    public static IEnumerable<(Address To, T Message)> Sent<T>(this CoreResult result)
        where T : IClusterMessage =>
        result.Effects.OfType<Send>().Where(s => s.Message is T).Select(s => (s.To, (T)s.Message));

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
