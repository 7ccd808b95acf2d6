namespace AkkaConvergence.Cli.Local;

/// <summary>
/// The guided tour: forms the cluster, then one node joins, one sets a key/value entry (until every
/// node reads it) and all agree on a value (until a consensus check holds), one leaves gracefully,
/// one is starved (and kept), one crashes (and is downed and removed), one restarts on its old
/// port; each step timed until every live node sees the result and is converged.
/// </summary>
internal sealed class LocalTour(LocalCluster cluster, TimeProvider time, Action<StepTiming> report)
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(60);

    public async Task<StepTiming> Form(int nodes)
    {
        var started = Enumerable.Range(0, nodes).Select(_ => cluster.Start()).ToList();
        var seeds = new[] { started[0].Address };
        return await Measure("formation", $"{nodes} nodes join through {started[0].Name}", () =>
        {
            started.ForEach(node => node.Cluster.JoinSeedNodes(seeds));
            return Task.CompletedTask;
        }, () => AllUp(cluster.LiveNodes)).ConfigureAwait(false);
    }

    public async Task Run()
    {
        var seed = new[] { cluster.LiveNodes[0].Address };

        var joiner = cluster.Start();
        await Measure("join", $"{joiner.Name} joins", () =>
        {
            joiner.Cluster.JoinSeedNodes(seed);
            return Task.CompletedTask;
        }, () => AllUp(cluster.LiveNodes)).ConfigureAwait(false);

        await ShowState().ConfigureAwait(false);

        var leaver = cluster.LiveNodes[^1];
        await Measure("leave", $"{leaver.Name} leaves gracefully", () =>
        {
            leaver.Cluster.Leave(leaver.Address);
            return Task.CompletedTask;
        }, () =>
        {
            leaver.IsDown = leaver.IsDown || leaver.Cluster.IsTerminated;
            return leaver.IsDown && AllUp(cluster.LiveNodes);
        }).ConfigureAwait(false);

        // A starved node (its threads blocked for twice the acceptable pause) is not a crashed one:
        // it is not downed, and it accuses no one once it runs again.
        var starved = cluster.Start(starvable: true);
        starved.Cluster.JoinSeedNodes(seed);
        await WaitFor(() => AllUp(cluster.LiveNodes)).ConfigureAwait(false);
        var accusedByStarved = false;
        await Measure("starved", $"{starved.Name}'s threads are blocked for 2 s; nobody is downed and it accuses no one", () =>
        {
            starved.Starve(TimeSpan.FromSeconds(2));
            return Task.Delay(TimeSpan.FromSeconds(2));
        }, () =>
        {
            accusedByStarved |= !starved.Cluster.State.Unreachable.IsEmpty;
            return AllUp(cluster.LiveNodes);
        }).ConfigureAwait(false);
        if (accusedByStarved || cluster.LiveNodes.Count(n => n.Cluster.IsTerminated) > 0)
        {
            report(new StepTiming("starved-check", $"{starved.Name} accused a member or someone was downed", 0, Converged: false));
        }

        var victim = cluster.LiveNodes[1];
        var others = cluster.LiveNodes.Where(n => n != victim).ToList();
        await Measure("crash-unreachable", $"{victim.Name} crashes; every other node marks it unreachable", () => cluster.Crash(victim),
            () => others.All(n => n.Cluster.State.Unreachable.Any(m => m.Address == victim.Address))).ConfigureAwait(false);
        await Measure("crash-removed", $"keep-majority downs {victim.Name} and it is removed everywhere", () => Task.CompletedTask,
            () => AllUp(others)).ConfigureAwait(false);

        var restarting = cluster.LiveNodes[^1];
        var port = restarting.Address.Port ?? 0;
        await cluster.Crash(restarting);
        await Measure("restart", $"{restarting.Name} restarts on its old port {port} as a new incarnation", () =>
        {
            var reborn = cluster.Start(port);
            reborn.Cluster.JoinSeedNodes(seed);
            return Task.CompletedTask;
        }, () => AllUp(cluster.LiveNodes)).ConfigureAwait(false);
    }

    /// <summary>The key/value state: one node's entry read everywhere, then a value every node agrees on.</summary>
    private async Task ShowState()
    {
        var writer = cluster.LiveNodes[0];
        var owner = writer.Cluster.SelfUniqueAddress;
        await Measure("state", $"{writer.Name} sets its key \"load\" = 0.42; every node reads it", () =>
        {
            writer.Cluster.Gossip.SetState("load", 0.42);
            return Task.CompletedTask;
        }, () => cluster.LiveNodes.All(n => n.Cluster.Gossip.GetState<double>("load").TryGetValue(owner, out var load) && load == 0.42)).ConfigureAwait(false);

        using var check = writer.Cluster.Gossip.RegisterConsensusCheck<string, string>("app-version", version => version);
        await Measure("consensus", $"every node sets \"app-version\" = 2.0; {writer.Name}'s consensus check holds", () =>
        {
            foreach (var node in cluster.LiveNodes)
            {
                node.Cluster.Gossip.SetState("app-version", "2.0");
            }

            return Task.CompletedTask;
        }, () => check.Current is (true, "2.0")).ConfigureAwait(false);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(StepLimit);
        while (!condition() && !limit.IsCancellationRequested)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    /// <summary>Every live node sees exactly the live nodes, all Up, nobody unreachable, and is converged.</summary>
    public static bool AllUp(IReadOnlyList<LocalNode> live)
    {
        var expected = live.Select(n => n.Cluster.SelfUniqueAddress).ToHashSet();
        return live.All(n =>
        {
            var state = n.Cluster.State;
            return state.IsConverged && state.Unreachable.IsEmpty && state.Members.Count == expected.Count
                   && state.Members.All(m => m.Status == MemberStatus.Up && expected.Contains(m.UniqueAddress));
        });
    }

    private async Task<StepTiming> Measure(string step, string description, Func<Task> act, Func<bool> done)
    {
        var start = time.GetTimestamp();
        await act().ConfigureAwait(false);
        var converged = true;
        while (!done())
        {
            if (time.GetElapsedTime(start) > StepLimit)
            {
                converged = false;
                break;
            }

            await Task.Delay(5).ConfigureAwait(false);
        }

        var timing = new StepTiming(step, description, (long)time.GetElapsedTime(start).TotalMilliseconds, converged);
        report(timing);
        return timing;
    }
}
