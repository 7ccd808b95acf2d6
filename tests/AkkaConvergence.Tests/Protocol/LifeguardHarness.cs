using AkkaConvergence.Membership;
using AkkaConvergence.Protocol;
using static AkkaConvergence.Tests.Protocol.CoreHarness;
using static AkkaConvergence.Tests.TestNodes;

namespace AkkaConvergence.Tests.Protocol;

/// <summary>A cluster of eight Up members, and Lifeguard on one of them, driven by its own deadlines.</summary>
internal static class LifeguardHarness
{
    public static readonly UniqueAddress[] Nodes = Enumerable.Range(1, 8).Select(i => Node($"n{i}", uid: i)).ToArray();

    public static readonly Gossip Cluster = TestGossips.SeenByAll(Nodes.Select((n, i) => TestMembers.Up(n, i + 1)).ToArray());

    public static readonly long ProbeTimeout = (long)Settings.FailureDetector.Lifeguard.ProbeTimeout.TotalMilliseconds;

    /// <summary>Node <paramref name="self"/> started at 0: it watches its ring, probing from its first round on.</summary>
    public static CoreState StartedAt(UniqueAddress self, Gossip? gossip = null) =>
        Holding(self, gossip ?? Cluster).Step(Started.Instance, now: 0).State;

    /// <summary>The wake-up at the node's earliest deadline.</summary>
    public static CoreResult AtNextDeadline(this CoreState state) => state.WakeAt(CoreDeadlines.NextDueAt(state)!.Value);

    /// <summary>The probe round: the node's next probe goes out.</summary>
    public static CoreResult AtProbeRound(this CoreState state) => state.WakeAt(state.Lifeguard.NextProbeAtMillis);

    /// <summary>The wake-up at which the probe of <paramref name="target"/> is next judged (direct timeout, then indirect).</summary>
    public static CoreResult AtProbeDeadline(this CoreState state, UniqueAddress target) =>
        state.WakeAt(state.Lifeguard.Probes.Values.Single(p => p.Target == target).NextDueAtMillis);

    public static long Time(this CoreState state) => state.WakeUpAtMillis ?? 0;
}
