using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AkkaConvergence.Tests.Cli;

/// <summary>Runs alone: its five node processes must not compete for two cores with the rest of the suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NodeProcessesCollection
{
    public const string Name = "node processes";
}

/// <summary>
/// The chaos of the simulator's nemesis, applied to real <c>node</c> processes on 127.0.0.1:
/// kill -9, SIGSTOP/SIGCONT for longer than downing takes, and a restart on the same port. Each
/// node's view is rebuilt from the member events it prints, and the simulator's invariants are
/// checked on those views once the faults stop.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class NodeChaosTests : IDisposable
{
    private static readonly TimeSpan StepWait = TimeSpan.FromSeconds(45);
    private readonly List<RunningTool> _processes = [];
    private readonly string _config = Path.Combine(Path.GetTempPath(), $"node-chaos-{Guid.NewGuid():N}.conf");

    public NodeChaosTests()
    {
        const string Timings = """
            akka.loglevel = WARNING
            akka.convergence {
              gossip-interval = 200ms
              leader-actions-interval = 200ms
              unreachable-nodes-reaper-interval = 200ms
              periodic-tasks-initial-delay = 100ms
              downing.stable-after = 3s
            }
            """;
        File.WriteAllText(_config, Timings);
    }

    public void Dispose()
    {
        _processes.ForEach(p => p.Dispose());
        File.Delete(_config);
    }

    [Fact]
    public async Task Killed_paused_and_restarted_node_processes_leave_one_converged_cluster_without_zombies_or_healthy_members_downed()
    {
        var clock = Stopwatch.StartNew();
        var ports = Enumerable.Range(0, 5).Select(_ => FreePorts.Next()).ToArray();
        var addresses = ports.Select(port => $"akka.tcp://convergence@127.0.0.1:{port}").ToArray();
        var nodes = ports.Select(port => Start(port, seed: ports[0])).ToArray();
        await AwaitViews(nodes, addresses, "all five are Up in every view");

        nodes[4].Signal("KILL");
        await AwaitViews(nodes[..4], addresses[..4], "the killed node is removed");

        // Paused for longer than detection and downing take: the others remove it; on resuming it
        // must learn that and end, not live on as a zombie believing it is a member.
        nodes[3].Signal("STOP");
        await AwaitViews(nodes[..3], addresses[..3], "the paused node is removed");
        nodes[3].Signal("CONT");
        Assert.True(nodes[3].WaitForExit(StepWait), "the resumed node did not end: " + nodes[3].Output);
        Assert.Contains("stopped (member status Removed)", nodes[3].Output, StringComparison.Ordinal);

        var restarted = Start(ports[4], seed: ports[0]);
        await AwaitViews([.. nodes[..3], restarted], [.. addresses[..3], addresses[4]], "the node restarted on the killed one's port is Up in every view");

        var survivors = new[] { nodes[0], nodes[1], nodes[2], restarted };
        foreach (var node in survivors.Concat([nodes[3]]))
        {
            foreach (var healthy in addresses[..3])
            {
                Assert.DoesNotContain($"MemberDowned {healthy}\n", node.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            }
        }

        Assert.Single(survivors.Select(node => LastLeader(node.Output)).Distinct());
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), $"took {clock.Elapsed}"); // The waits bound it; this names a regression.
    }

    [Fact]
    public async Task A_throttler_blackhole_between_real_processes_leaves_the_majority_and_the_minority_ends_itself()
    {
        var ports = Enumerable.Range(0, 5).Select(_ => FreePorts.Next()).ToArray();
        var addresses = ports.Select(port => $"akka.trttl.tcp://convergence@127.0.0.1:{port}").ToArray();
        var nodes = ports.Select(port => Start(port, seed: ports[0], "--fault-injection")).ToArray();
        await AwaitViews(nodes, addresses, "all five are Up in every view");

        // Nodes 3 and 4 drop every link to 0, 1 and 2 in their own throttlers, both directions:
        // two sides of 3 and 2, every process and socket alive, nothing refused, nothing answered.
        foreach (var minority in nodes[3..])
        {
            foreach (var peer in ports[..3])
            {
                minority.WriteLine($"blackhole 127.0.0.1:{peer}");
            }
        }

        await AwaitViews(nodes[..3], addresses[..3], "the majority downs and removes the minority");
        foreach (var minority in nodes[3..])
        {
            Assert.True(minority.WaitForExit(StepWait), "a minority node did not down itself: " + minority.Output);
            Assert.Contains("stopped (member status Removed)", minority.Output, StringComparison.Ordinal);
            Assert.Equal(3, Regex.Matches(minority.Output, "fault-injection: blackhole .* applied").Count);
        }

        Assert.Contains($"UnreachableMember {addresses[4]}", nodes[0].Output, StringComparison.Ordinal); // Detected, not a graceful leave.
        foreach (var node in nodes)
        {
            foreach (var healthy in addresses[..3])
            {
                Assert.False(node.Output.ReplaceLineEndings("\n").Contains($"MemberDowned {healthy}\n", StringComparison.Ordinal), $"{healthy} downed; output of node {Array.IndexOf(nodes, node)}:\n{node.Output}");
            }
        }

        Assert.Single(nodes[..3].Select(node => LastLeader(node.Output)).Distinct());
    }

    /// <summary>
    /// One process cut off from the other three, and the lowest address, so the leader of its own
    /// view (3 of 12 runs once downed the healthy majority one member at a time and lived on alone).
    /// </summary>
    [Fact]
    public async Task A_single_process_cut_off_from_all_others_never_downs_them_and_ends_itself()
    {
        var ports = Enumerable.Range(0, 4).Select(_ => FreePorts.Next()).Order().ToArray();
        var addresses = ports.Select(port => $"akka.trttl.tcp://convergence@127.0.0.1:{port}").ToArray();
        var nodes = ports.Select(port => Start(port, seed: ports[^1], "--fault-injection")).ToArray();
        await AwaitViews(nodes, addresses, "all four are Up in every view");

        var lone = nodes[0];
        foreach (var peer in ports[1..])
        {
            lone.WriteLine($"blackhole 127.0.0.1:{peer}");
        }

        await AwaitViews(nodes[1..], addresses[1..], "the three down and remove the cut-off node");
        Assert.True(lone.WaitForExit(StepWait), "the cut-off node did not end: " + lone.Output);
        Assert.Equal(3, Regex.Matches(lone.Output, "fault-injection: blackhole .* applied").Count);
        foreach (var node in nodes)
        {
            foreach (var healthy in addresses[1..])
            {
                Assert.False(node.Output.ReplaceLineEndings("\n").Contains($"MemberDowned {healthy}\n", StringComparison.Ordinal), $"{healthy} downed; output of node {Array.IndexOf(nodes, node)}:\n{node.Output}");
            }
        }
    }

    private RunningTool Start(int port, int seed, params string[] extra)
    {
        var node = CliProcess.Start(["node", "--port", port.ToString(CultureInfo.InvariantCulture), "--seed", $"127.0.0.1:{seed}", "--config", _config, .. extra]);
        _processes.Add(node);
        return node;
    }

    /// <summary>Waits (bounded) until each of <paramref name="nodes"/> sees exactly <paramref name="members"/>, all Up and reachable.</summary>
    private static async Task AwaitViews(IReadOnlyList<RunningTool> nodes, IReadOnlyList<string> members, string what)
    {
        var expected = members.Order(StringComparer.Ordinal).ToList();
        var deadline = Stopwatch.StartNew();
        while (!nodes.All(node => IsExactly(ViewOf(node.Output), expected)))
        {
            if (deadline.Elapsed > StepWait)
            {
                var views = string.Join("\n", nodes.Select(node => $"{string.Join(", ", ViewOf(node.Output).Select(kv => $"{kv.Key} {kv.Value}"))}"));
                var behind = nodes.Where(node => !IsExactly(ViewOf(node.Output), expected)).Select(node => node.Output[Math.Max(0, node.Output.Length - 2_000)..]);
                Assert.Fail($"Timed out waiting until {what}. Views:\n{views}\nFirst node's output:\n{nodes[0].Output}\nOutput of each node not there yet:\n{string.Join("\n---\n", behind)}");
            }

            await Task.Delay(100); // Polling the children's output: there is nothing else to await.
        }
    }

    private static bool IsExactly(SortedDictionary<string, string> view, List<string> members) =>
        view.Keys.SequenceEqual(members) && view.Values.All(status => status == "Up");

    /// <summary>A node's view folded from the events it printed: address → status, "Unreachable" while it is.</summary>
    private static SortedDictionary<string, string> ViewOf(string output)
    {
        var statuses = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var unreachable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length < 2 || !parts[1].StartsWith("akka.", StringComparison.Ordinal) || !parts[1].Contains("://", StringComparison.Ordinal))
            {
                continue;
            }

            var (kind, address) = (parts[0], parts[1]);
            switch (kind)
            {
                case "MemberRemoved":
                    statuses.Remove(address);
                    unreachable.Remove(address);
                    break;
                case "UnreachableMember":
                    unreachable.Add(address);
                    break;
                case "ReachableMember":
                    unreachable.Remove(address);
                    break;
                case var member when member.StartsWith("Member", StringComparison.Ordinal):
                    statuses[address] = member["Member".Length..] switch
                    {
                        "Joined" => "Joining",
                        "Left" => "Leaving",
                        "Downed" => "Down",
                        var other => other,
                    };
                    break;
            }
        }

        foreach (var address in unreachable.Where(statuses.ContainsKey))
        {
            statuses[address] = "Unreachable";
        }

        return statuses;
    }

    private static string LastLeader(string output) =>
        output.Split('\n', StringSplitOptions.TrimEntries).Last(line => line.StartsWith("LeaderChanged ", StringComparison.Ordinal));
}
