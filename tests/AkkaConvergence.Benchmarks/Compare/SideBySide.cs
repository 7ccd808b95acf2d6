using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AkkaConvergence.Benchmarks.Compare;

/// <summary>
/// Runs the same scenarios on AkkaConvergence and on Akka.Cluster in one process, alternating
/// which goes first, with identical timing, after an unrecorded warm-up of each, and reports
/// medians and ratios (ours / Akka's).
/// Each run: formation of N, an idle window (CPU), one join, one graceful leave, one crash
/// (until unreachable everywhere, and until removed everywhere). With a state load, a third
/// system runs too: AkkaConvergence while every node rewrites a key/value entry that many times a
/// second, reported beside the plain run (the key/value traffic must not slow membership).
/// </summary>
internal sealed class SideBySide(int nodes, int runs, CompareProfile profile, bool idleOnly, bool silentHostCrashes, TextWriter output, string oursConfig = "", int stateLoad = 0)
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    /// <summary>Both systems settle (seen-sets complete, timers steady) before idle CPU is measured.</summary>
    private static readonly TimeSpan SettleBeforeIdle = TimeSpan.FromSeconds(3);
    private static readonly string[] Scenarios = ["formation", "join", "leave", "crash-unreachable", "crash-removed"];

    private readonly Dictionary<string, Dictionary<string, List<double>>> _results = [];

    public async Task<IReadOnlyList<ComparisonRow>> Run()
    {
        List<Func<ClusterUnderTest>> order =
        [
            () => new ConvergenceUnderTest(profile) { SilentHostCrashes = silentHostCrashes, ExtraConfig = oursConfig },
            () => new AkkaClusterUnderTest(profile) { SilentHostCrashes = silentHostCrashes },
        ];
        if (stateLoad > 0)
        {
            order.Add(() => new ConvergenceUnderTest(profile) { SilentHostCrashes = silentHostCrashes, ExtraConfig = oursConfig, StateUpdatesPerSecond = stateLoad });
        }

        // Unrecorded: the first system formed in the process used to pay for the JIT and tiering
        // inside its measured window (idle CPU 20-28 ms/s against 9-14 in later runs).
        foreach (var system in order)
        {
            await WarmUp(system());
        }

        for (var run = 1; run <= runs; run++)
        {
            // Rotate who goes first, so no system always runs on a warm (or a cold) process.
            for (var i = 0; i < order.Count; i++)
            {
                await using var target = order[(i + run - 1) % order.Count]();
                await RunOnce(target, run);
            }
        }

        return [.. (idleOnly ? ["formation"] : Scenarios).Append("idle-cpu-per-node").Select(scenario => new ComparisonRow(
            scenario,
            nodes,
            Median("AkkaConvergence", scenario),
            Median("Akka.Cluster", scenario),
            stateLoad > 0 ? Median("AkkaConvergence+state", scenario) : null))];
    }

    public static void Print(IReadOnlyList<ComparisonRow> rows, bool json, TextWriter output)
    {
        if (json)
        {
            foreach (var row in rows)
            {
                output.WriteLine(row.LoadedMs is null
                    ? JsonSerializer.Serialize(new { scenario = row.Scenario, nodes = row.Nodes, oursMs = row.OursMs, akkaMs = row.AkkaMs, ratio = row.Ratio })
                    : JsonSerializer.Serialize(new { scenario = row.Scenario, nodes = row.Nodes, oursMs = row.OursMs, akkaMs = row.AkkaMs, ratio = row.Ratio, withStateLoadMs = row.LoadedMs, withStateLoadRatio = row.LoadedRatio }));
            }

            return;
        }

        var loaded = rows.Any(r => r.LoadedMs is not null);
        output.WriteLine($"{"scenario",-20} {"AkkaConvergence",16} {"Akka.Cluster",14} {"ratio",7}" + (loaded ? $" {"with state load",16} {"vs plain",9}" : string.Empty));
        foreach (var row in rows)
        {
            var unit = row.Scenario == "idle-cpu-per-node" ? "ms/s" : "ms";
            var line = string.Create(CultureInfo.InvariantCulture, $"{row.Scenario,-20} {row.OursMs,12:0.0} {unit,-3} {row.AkkaMs,10:0.0} {unit,-3} {row.Ratio,7:0.00}");
            if (row.LoadedMs is { } loadedMs)
            {
                line += string.Create(CultureInfo.InvariantCulture, $" {loadedMs,12:0.0} {unit,-3} {row.LoadedRatio,9:0.00}");
            }

            output.WriteLine(line);
        }
    }

    /// <summary>Three nodes formed, left idle for one window and stopped; nothing is recorded.</summary>
    private static async Task WarmUp(ClusterUnderTest target)
    {
        await using (target)
        {
            var started = Enumerable.Range(0, 3).Select(_ => target.StartNode()).ToList();
            var seed = target.AddressOf(started[0]);
            started.ForEach(node => target.JoinSeed(node, seed));
            var clock = Stopwatch.StartNew();
            while (!target.AllUp() && clock.Elapsed < StepLimit)
            {
                await Task.Delay(10);
            }

            await Task.Delay(IdleWindow);
        }
    }

    private async Task RunOnce(ClusterUnderTest target, int run)
    {
        var started = Enumerable.Range(0, nodes).Select(_ => target.StartNode()).ToList();
        var seed = target.AddressOf(started[0]);
        await Measure(target, "formation", () =>
        {
            started.ForEach(node => target.JoinSeed(node, seed));
            return Task.CompletedTask;
        }, target.AllUp);

        await Task.Delay(SettleBeforeIdle);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(IdleWindow);
        var idleCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / nodes / IdleWindow.TotalSeconds;
        Record(target.Name, "idle-cpu-per-node", idleCpu);
        if (idleOnly)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run} {target.Name,-16} formation {_results[target.Name]["formation"][^1]:0} ms, idle CPU {idleCpu:0.0} ms/s per node"));
            return;
        }

        var joiner = target.StartNode();
        await Measure(target, "join", () =>
        {
            target.JoinSeed(joiner, seed);
            return Task.CompletedTask;
        }, target.AllUp);

        var leaver = target.Live[^1];
        await Measure(target, "leave", () =>
        {
            target.Leave(leaver);
            return Task.CompletedTask;
        }, target.AllUp);

        var victim = target.Live[1];
        var victimAddress = target.AddressOf(victim);
        var crashAt = Stopwatch.GetTimestamp();
        await Measure(target, "crash-unreachable", () => target.Crash(victim), () => target.AllSeeUnreachable(victimAddress));
        await Measure(target, "crash-removed", () => Task.CompletedTask, target.AllUp, crashAt);
        var timings = string.Join(", ", Scenarios.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s} {_results[target.Name][s][^1]:0} ms")));
        var load = target is ConvergenceUnderTest { StateUpdatesPerSecond: > 0 } loaded
            ? $", {loaded.StateWrites} key/value writes, first node holds {loaded.StateOwnersSeenByFirst()} of {target.Live.Count - 1} other owners' entries"
            : string.Empty;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run} {target.Name,-16} {timings}, idle CPU {idleCpu:0.0} ms/s per node{load}"));
    }

    private async Task Measure(ClusterUnderTest target, string scenario, Func<Task> act, Func<bool> done, long? since = null)
    {
        var start = since ?? Stopwatch.GetTimestamp();
        await act();
        while (!done())
        {
            if (Stopwatch.GetElapsedTime(start) > StepLimit)
            {
                throw new TimeoutException($"{target.Name}: {scenario} did not complete within {StepLimit.TotalSeconds} s.");
            }

            await Task.Delay(2);
        }

        Record(target.Name, scenario, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private void Record(string target, string scenario, double value)
    {
        if (!_results.TryGetValue(target, out var byScenario))
        {
            byScenario = [];
            _results[target] = byScenario;
        }

        if (!byScenario.TryGetValue(scenario, out var values))
        {
            values = [];
            byScenario[scenario] = values;
        }

        values.Add(value);
    }

    private double Median(string target, string scenario)
    {
        var values = _results[target][scenario].Order().ToList();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}

/// <summary>
/// One scenario's medians; for idle-cpu-per-node the values are CPU milliseconds per node per
/// second. <see cref="LoadedMs"/> is AkkaConvergence under the state load, when one ran.
/// </summary>
internal sealed record ComparisonRow(string Scenario, int Nodes, double OursMs, double AkkaMs, double? LoadedMs = null)
{
    public double Ratio => AkkaMs == 0 ? double.NaN : OursMs / AkkaMs;

    /// <summary>The loaded run against the plain one (1.0 means key/value traffic changed nothing).</summary>
    public double? LoadedRatio => LoadedMs is { } loaded && OursMs != 0 ? loaded / OursMs : null;
}
