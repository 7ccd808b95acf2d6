using System.Collections.Immutable;
using AkkaConvergence.Protocol;

namespace AkkaConvergence.Simulation;

/// <summary>
/// The nemesis: on a converged cluster, a random schedule of faults — crashes (process or host),
/// restarts on the same address, stop-the-world pauses, two-way partitions (minority against
/// majority), one-way link cuts, bursts of loss, wall-clock jumps — then quiet. Invariants are
/// checked at every step as in every run; after the faults stop the cluster must converge on one
/// view within a bound, with every dead incarnation removed and no split brain.
/// </summary>
internal static class ChaosScenario
{
    /// <summary>
    /// Faults are injected for this long: shorter than stable-after plus down-all-when-unstable (35 s), so
    /// the cluster is not downed as a whole for being unstable too long, as Akka's resolver would.
    /// </summary>
    public const long FaultMillis = 30_000;

    /// <summary>Once they stop, the cluster must settle within this (stable-after 20 s plus detection and removal, twice over).</summary>
    public const long SettleBoundMillis = 120_000;

    private const long MeanGapMillis = 2_000;

    public static ChaosReport Run(SimulatedCluster cluster, int n)
    {
        var random = new Random(cluster.Options.Seed * 31 + 17);
        var faults = new Dictionary<string, int>(StringComparer.Ordinal);
        var start = cluster.Now;
        var end = start + FaultMillis;
        var maxDead = Math.Max(1, (n - 1) / 3); // Keep a majority alive: the cluster must survive.
        for (var at = start + Gap(random); at < end; at += Gap(random))
        {
            var dice = random.Next(100);
            cluster.At(at, () => Inject(cluster, random, n, maxDead, dice, faults));
        }

        cluster.At(end, () =>
        {
            cluster.ExtraLoss = 0;
            cluster.Network.HealAll();
            foreach (var node in cluster.LiveNodes.Where(node => !node.State.IsInitialized))
            {
                Rejoin(cluster, random, node.Slot);
            }
        });

        var selfDowned = 0;
        var observer = cluster.Stepped;
        cluster.Stepped = (node, before, result, input) =>
        {
            observer?.Invoke(node, before, result, input);
            selfDowned += result.Effects.OfType<ShutdownRequested>().Count(s => s.Reason == ShutdownReason.Downed);
        };
        cluster.RunUntil(() => false, end);
        cluster.TrackGoal(node => IsSettled(node, cluster));
        var settled = cluster.RunUntil(cluster.HasConverged, end + SettleBoundMillis);
        cluster.Stepped = observer;

        var live = cluster.LiveNodes.ToList();
        var running = live.Select(node => node.Self).ToHashSet();
        var views = live.Select(node => node.State.Gossip.Members.Select(m => m.UniqueAddress).ToImmutableSortedSet()).ToList();
        return new ChaosReport(
            faults.ToImmutableSortedDictionary(StringComparer.Ordinal),
            settled,
            live.All(node => node.State.Gossip.Members.All(m => running.Contains(m.UniqueAddress))),
            views.Count == 0 || views.All(view => view.SetEquals(views[0])),
            cluster.Now - end,
            selfDowned);
    }

    /// <summary>One view: all members Up and running, nobody unreachable.</summary>
    private static bool IsSettled(SimulatedNode node, SimulatedCluster cluster) =>
        node.State.IsInitialized
        && node.State.Gossip.Reachability.AllUnreachableOrTerminated.IsEmpty
        && node.State.Gossip.Members.All(m => m.Status == MemberStatus.Up && cluster.NodeAt(ScenarioGoals.SlotOf(m.UniqueAddress)) is { IsAlive: true } host && host.Self == m.UniqueAddress);

    private static void Inject(SimulatedCluster cluster, Random random, int n, int maxDead, int dice, Dictionary<string, int> faults)
    {
        var live = cluster.LiveNodes.Where(node => node.State.IsInitialized).Select(node => node.Slot).ToList();
        var dead = Enumerable.Range(0, n).Where(slot => cluster.NodeAt(slot) is not { IsAlive: true }).ToList();
        if (live.Count < 3)
        {
            return; // Too few running members to hurt without losing the cluster.
        }

        string kind;
        switch (dice)
        {
            case < 15 when dead.Count < maxDead:
                kind = "crash";
                cluster.Crash(live[random.Next(live.Count)], random.Next(2) == 0 ? CrashKind.Process : CrashKind.Host);
                break;
            case < 30 when dead.Count > 0:
                kind = "restart";
                var slot = dead[random.Next(dead.Count)];
                cluster.Start(slot);
                Rejoin(cluster, random, slot);
                break;
            case < 50:
                kind = "pause";
                cluster.Pause(live[random.Next(live.Count)], 500 + random.NextInt64(4_500));
                break;
            case < 62:
                kind = "partition";
                var shuffled = live.OrderBy(_ => random.Next()).ToList();
                var minority = shuffled.Take(Math.Max(1, random.Next(1, (shuffled.Count + 1) / 2))).ToList();
                cluster.Network.Partition(minority, shuffled.Except(minority).ToList());
                cluster.At(cluster.Now + 2_000 + random.NextInt64(13_000), cluster.Network.HealAll);
                break;
            case < 74:
                kind = "one-way";
                cluster.Network.Block([live[random.Next(live.Count)]], [live[random.Next(live.Count)]]);
                cluster.At(cluster.Now + 2_000 + random.NextInt64(13_000), cluster.Network.HealAll);
                break;
            case < 86:
                kind = "loss-burst";
                cluster.ExtraLoss = 0.1 + (random.NextDouble() * 0.2);
                cluster.At(cluster.Now + 5_000, () => cluster.ExtraLoss = 0);
                break;
            default:
                kind = "clock-jump";
                cluster.JumpWallClock(live[random.Next(live.Count)], random.Next(-60, 61) * 60_000L);
                break;
        }

        faults[kind] = faults.GetValueOrDefault(kind) + 1;
    }

    /// <summary>A restarted node joins through a running member (the configured seeds may be the ones that died).</summary>
    private static void Rejoin(SimulatedCluster cluster, Random random, int slot)
    {
        var contacts = cluster.LiveNodes.Where(node => node.Slot != slot && node.State.IsInitialized).Select(node => node.Self.Address).ToList();
        if (contacts.Count > 0)
        {
            cluster.Input(slot, new JoinCommand(contacts[random.Next(contacts.Count)]));
        }
    }

    private static long Gap(Random random) => 1 + (long)(-Math.Log(1 - random.NextDouble()) * MeanGapMillis);
}
