using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AkkaConvergence.Simulation;

namespace AkkaConvergence.Cli;

/// <summary><c>simulate</c>: runs one scenario on simulated protocol cores and prints what it measured.</summary>
internal static class SimulateCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(TextWriter output, TextWriter errors)
    {
        var nodes = new Option<int>("--nodes") { Description = "Cluster size N.", DefaultValueFactory = _ => 5 };
        var scenario = new Option<string>("--scenario")
        {
            Description = "formation, join, leave, crash, partition, rolling-restart; fault models (nobody fails; false alarms counted): pauses, starvation, loss, lossy-link, one-way-link; chaos (a nemesis, then quiet); kv (one key/value write until every node holds it); kv-load (every node writes once a second for 10 s); steady (a converged cluster at rest: the steady-state window alone).",
            DefaultValueFactory = _ => "formation",
        };
        scenario.AcceptOnlyFromAmong("formation", "join", "leave", "crash", "partition", "rolling-restart", "pauses", "starvation", "loss", "lossy-link", "one-way-link", "chaos", "kv", "kv-load", "steady");
        var faultSeconds = new Option<double?>("--fault-seconds") { Description = "How long the fault of a fault model lasts (default 8 for starvation, 600 for the others)." };
        var loss = new Option<double>("--loss") { Description = "Message loss probability, 0..1.", DefaultValueFactory = _ => 0 };
        var latency = new Option<double>("--latency") { Description = "One-way latency in milliseconds.", DefaultValueFactory = _ => 1 };
        var jitter = new Option<double>("--jitter") { Description = "Extra random latency in milliseconds.", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed replays the same run.", DefaultValueFactory = _ => 1 };
        var steady = new Option<double>("--steady-seconds") { Description = "Virtual seconds of steady state measured after convergence.", DefaultValueFactory = _ => 10 };
        var config = new Option<string[]>("--config")
        {
            Description = "Protocol settings as HOCON over reference.conf, e.g. \"akka.convergence.downing.stable-after = 7s\" (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var crash = new Option<string>("--crash") { Description = "crash scenario: process (its port then refuses, the transport notices) or host (silence only).", DefaultValueFactory = _ => "process" };
        crash.AcceptOnlyFromAmong("process", "host");
        var seeds = new Option<int>("--seeds") { Description = "Run this many seeds (from --seed on) and print a summary: converged runs, percentiles, facts.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var plot = new Option<FileInfo?>("--plot") { Description = "Write a PNG of the fraction of nodes that have seen the change over virtual time." };

        var command = new Command("simulate", "Run a scenario on a simulated cluster (deterministic, virtual time).")
        {
            nodes, scenario, loss, latency, jitter, seed, steady, config, crash, faultSeconds, seeds, json, plot,
        };
        command.SetAction(parse =>
        {
            var options = new SimulationOptions
            {
                Nodes = parse.GetValue(nodes),
                Scenario = ParseScenario(parse.GetValue(scenario)!),
                Loss = parse.GetValue(loss),
                Latency = TimeSpan.FromMilliseconds(parse.GetValue(latency)),
                Jitter = TimeSpan.FromMilliseconds(parse.GetValue(jitter)),
                Seed = parse.GetValue(seed),
                SteadyStateWindow = TimeSpan.FromSeconds(parse.GetValue(steady)),
                Configuration = string.Join('\n', parse.GetValue(config) ?? []),
                CrashKind = parse.GetValue(crash) == "host" ? CrashKind.Host : CrashKind.Process,
                FaultDuration = parse.GetValue(faultSeconds) is { } fault ? TimeSpan.FromSeconds(fault) : null,
            };
            var runs = parse.GetValue(seeds);
            if (runs != 1)
            {
                return Sweep(options, runs, parse.GetValue(json), parse.GetValue(plot) is not null, output, errors);
            }

            return Run(options, parse.GetValue(json), parse.GetValue(plot), output, errors);
        });
        return command;
    }

    public static SimulationScenario ParseScenario(string name) => name switch
    {
        "rolling-restart" => SimulationScenario.RollingRestart,
        "lossy-link" => SimulationScenario.LossyLink,
        "one-way-link" => SimulationScenario.OneWayLink,
        "chaos" => SimulationScenario.Chaos,
        "kv-load" => SimulationScenario.KvLoad,
        _ => Enum.Parse<SimulationScenario>(name, ignoreCase: true),
    };

    private static int Run(SimulationOptions options, bool asJson, FileInfo? plot, TextWriter output, TextWriter errors)
    {
        SimulationReport report;
        try
        {
            report = WithProgress(asJson, () => ClusterSimulation.Run(options), $"Simulating {ScenarioRunner.ScenarioName(options.Scenario)} of {options.Nodes} nodes");
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (SimulationInvariantException e)
        {
            errors.WriteLine($"invariant broken: {e.Message}");
            return 3;
        }

        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(report with { Progress = [] }, Json));
        }
        else
        {
            WriteText(report, output);
        }

        if (plot is not null)
        {
            try
            {
                ProgressPlot.Save(report, plot.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"error: cannot write the plot to {plot.FullName}: {e.Message}");
                return 2;
            }

            if (!asJson)
            {
                output.WriteLine($"  plot written to {plot.FullName}");
            }
        }

        return report.Converged ? 0 : 1;
    }

    private static int Sweep(SimulationOptions options, int seeds, bool asJson, bool wantsPlot, TextWriter output, TextWriter errors)
    {
        SweepReport report;
        try
        {
            if (seeds < 1 || wantsPlot)
            {
                throw new ArgumentException(seeds < 1 ? "--seeds must be at least 1." : "--plot draws one run; leave out --seeds.");
            }

            report = WithProgress(asJson, () => ClusterSimulation.Sweep(options, seeds), $"Simulating {ScenarioRunner.ScenarioName(options.Scenario)} of {options.Nodes} nodes over {seeds} seeds");
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (SimulationInvariantException e)
        {
            errors.WriteLine($"invariant broken: {e.Message}");
            return 3;
        }

        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(report, Json));
        }
        else
        {
            var c = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(c, $"{report.Scenario} of {report.Nodes} nodes, seeds {report.FirstSeed}..{report.FirstSeed + report.Runs - 1}: {report.Converged} of {report.Runs} converged"));
            output.WriteLine(string.Create(c, $"  virtual time to converge: p50 {report.P50Millis} ms, p90 {report.P90Millis} ms, p99 {report.P99Millis} ms"));
            if (report.DetectionP50Millis is { } p50)
            {
                output.WriteLine(string.Create(c, $"  crash detected everywhere: p50 {p50} ms, p99 {report.DetectionP99Millis} ms"));
            }

            if (report.FalseMarks is { } marks)
            {
                output.WriteLine(string.Create(c, $"  false unreachable marks: {marks} ({report.FalseMarksPerNodeHour:0.##} per node-hour), healthy members downed: {report.HealthyMembersDowned}"));
            }

            if (report.ChaosPassed is { } passed)
            {
                output.WriteLine(string.Create(c, $"  chaos: {passed} of {report.Runs} came through (converged, dead removed, one cluster); settled p99 {report.ChaosSettledP99Millis} ms"));
            }

            if (report.FailedSeeds.Count > 0)
            {
                output.WriteLine($"  did not converge: seeds {string.Join(", ", report.FailedSeeds)}");
            }

            output.WriteLine($"  facts: {string.Join(", ", report.Facts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))}");
        }

        return report.Converged == report.Runs ? 0 : 1;
    }

    /// <summary>A spinner on an interactive terminal (a large simulation takes seconds to minutes); nothing otherwise.</summary>
    private static T WithProgress<T>(bool quiet, Func<T> work, string what)
    {
        if (quiet || Console.IsErrorRedirected || !Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work();
        }

        return Spectre.Console.AnsiConsole.Status().Start($"{what}...", _ => work());
    }

    private static void WriteText(SimulationReport report, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{report.Scenario} of {report.Nodes} nodes (seed {report.Seed}): {(report.Converged ? "converged" : "DID NOT converge")} after {report.VirtualMillisToConvergence} ms of virtual time ({report.GossipRounds:0.##} gossip intervals)"));
        if (report.DetectionMillis is { } detection)
        {
            output.WriteLine(string.Create(c, $"  crash detected (unreachable in every live view) after {detection} ms"));
        }

        if (report.Faults is { } faults)
        {
            output.WriteLine(string.Create(c, $"  over {faults.ObservedSeconds:0} s ({faults.FaultSeconds:0} s of fault): {faults.FalseMarks} false unreachable marks ({faults.MarksByImpairedNodes} by paused or starved nodes, {faults.MarksOfImpairedNodes} of them), {faults.FalseMarksPerNodeHour:0.##} per node-hour; {faults.HealthyMembersDowned} healthy members downed; {(faults.Recovered ? "recovered" : "DID NOT recover")}"));
        }

        if (report.Chaos is { } chaos)
        {
            output.WriteLine(string.Create(c, $"  nemesis: {string.Join(", ", chaos.Faults.Select(kv => $"{kv.Key} {kv.Value}"))}; then {(chaos.Converged ? $"one view after {chaos.SettledAfterMillis} ms" : "NO single view")}, dead removed: {chaos.DeadRemoved}, one cluster: {chaos.SingleCluster}, self-downed nodes: {chaos.SelfDowned}"));
        }

        if (report.P50Millis is { } half)
        {
            output.WriteLine(string.Create(c, $"  half the nodes reached the goal after {half} ms, 99% after {report.P99Millis} ms"));
        }

        output.WriteLine(string.Create(c, $"  messages {report.Messages}, bytes {report.Bytes}, largest message {report.MaxMessageBytes} bytes, largest digest {report.MaxDigestBytes} bytes"));
        output.WriteLine(string.Create(c, $"  steady state: {report.MessagesPerNodePerSecondSteady:0.##} messages and {report.BytesPerNodePerSecondSteady:0} bytes per node per second"));
        output.WriteLine(string.Create(c, $"  by type: {string.Join(", ", report.MessagesByType.Select(kv => $"{kv.Key} {kv.Value}{BytesOf(report, kv.Key)}"))}"));
        if (report.Drops.Count > 0)
        {
            output.WriteLine(string.Create(c, $"  dropped inputs: {string.Join(", ", report.Drops.Select(kv => $"{kv.Key} {kv.Value}"))}"));
        }

        if (report.Facts.Count > 0)
        {
            output.WriteLine(string.Create(c, $"  facts: {string.Join(", ", report.Facts.Select(kv => $"{kv.Key} {kv.Value}"))}"));
        }

        output.WriteLine(string.Create(c, $"  core steps simulated: {report.StepsProcessed}"));
    }

    private static string BytesOf(SimulationReport report, string type) =>
        report.BytesByType?.GetValueOrDefault(type) is { } bytes and > 0 ? string.Create(CultureInfo.InvariantCulture, $" ({bytes} B)") : string.Empty;
}
