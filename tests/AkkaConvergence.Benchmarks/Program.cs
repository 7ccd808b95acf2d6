using System.Globalization;
using AkkaConvergence.Benchmarks.Compare;
using BenchmarkDotNet.Running;

// compare --nodes N --runs R [--profile default|fast] [--crash process|host] [--json] [--idle-only] [--ours-config HOCON] [--state-load PER_SECOND]: the side-by-side harness.
// Anything else goes to BenchmarkDotNet (e.g. --filter '*Gossip*').
if (args.Length > 0 && args[0] == "compare")
{
    string Option(string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    try
    {
        var nodes = int.Parse(Option("--nodes", "10"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Option("--runs", "3"), CultureInfo.InvariantCulture);
        if (nodes < 3 || runs < 1)
        {
            throw new ArgumentException("--nodes must be at least 3 and --runs at least 1.");
        }

        var profile = CompareProfile.Parse(Option("--profile", "default"));
        var json = args.Contains("--json");
        var progress = json ? TextWriter.Null : Console.Out;
        progress.WriteLine($"Comparing {nodes} nodes, {runs} runs per system, profile {profile.Name} (interval {profile.Interval.TotalMilliseconds} ms, heartbeat {profile.HeartbeatInterval.TotalMilliseconds} ms, pause {profile.AcceptablePause.TotalSeconds} s, stable-after {profile.StableAfter.TotalSeconds} s).");
        var crash = Option("--crash", "process");
        if (crash is not ("process" or "host"))
        {
            throw new ArgumentException($"--crash must be process or host, was '{crash}'.");
        }

        var stateLoad = int.Parse(Option("--state-load", "0"), CultureInfo.InvariantCulture);
        if (stateLoad is < 0 or > 1000)
        {
            throw new ArgumentException("--state-load is key/value writes per node per second, 0 to 1000.");
        }

        var rows = await new SideBySide(nodes, runs, profile, args.Contains("--idle-only"), crash == "host", progress, Option("--ours-config", string.Empty), stateLoad).Run();
        SideBySide.Print(rows, json, Console.Out);
        return 0;
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }
}

// state-compare --nodes N --runs R [--samples S] [--window SECONDS] [--json]: key/value state beside Proto.Cluster 1.8.0.
if (args.Length > 0 && args[0] == "state-compare")
{
    string StateOption(string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    var stateNodes = int.Parse(StateOption("--nodes", "10"), CultureInfo.InvariantCulture);
    var stateRuns = int.Parse(StateOption("--runs", "3"), CultureInfo.InvariantCulture);
    var samples = int.Parse(StateOption("--samples", "20"), CultureInfo.InvariantCulture);
    var window = TimeSpan.FromSeconds(double.Parse(StateOption("--window", "10"), CultureInfo.InvariantCulture));
    if (stateNodes < 2 || stateRuns < 1 || samples < 1 || window <= TimeSpan.Zero || !AkkaConvergence.Benchmarks.StateCompare.LoopbackBytes.Available)
    {
        Console.Error.WriteLine("error: --nodes at least 2, --runs and --samples at least 1, --window positive; Linux (/proc/net/dev) only.");
        return 2;
    }

    var stateJson = args.Contains("--json");
    var stateProgress = stateJson ? TextWriter.Null : Console.Out;
    stateProgress.WriteLine($"Key/value state: {stateNodes} members, {stateRuns} runs per system, {samples} writes seen by all, {window.TotalSeconds} s byte windows (loopback bytes: keep the machine otherwise idle).");
    var stateRows = await new AkkaConvergence.Benchmarks.StateCompare.StateSideBySide(stateNodes, stateRuns, samples, window, stateProgress).Run();
    AkkaConvergence.Benchmarks.StateCompare.StateSideBySide.Print(stateRows, stateNodes, stateJson, Console.Out);
    return 0;
}

// sizes: the bytes of a full gossip and of a digest at 10 to 10,000 members, payload and frame.
if (args.Length > 0 && args[0] == "sizes")
{
    AkkaConvergence.Benchmarks.Micro.WireSizes.Print(Console.Out);
    return 0;
}

// fuzz [--inputs N] [--seed S]: random and mutated frames through the serializer and a member's core.
if (args.Length > 0 && args[0] == "fuzz")
{
    string FuzzOption(string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    using var system = Akka.Actor.ActorSystem.Create("fuzz");
    new AkkaConvergence.Benchmarks.Fuzz.FrameFuzzer((Akka.Actor.ExtendedActorSystem)system, int.Parse(FuzzOption("--seed", "1"), CultureInfo.InvariantCulture))
        .Run(int.Parse(FuzzOption("--inputs", "100000"), CultureInfo.InvariantCulture), Console.Out);
    return 0;
}

if (args.Length > 0 && args[0] == "bench-node")
{
    string NodeOption(string name) => args[Array.IndexOf(args, name) + 1];
    return await AkkaConvergence.Benchmarks.Starvation.BenchNode.Run(
        NodeOption("--impl"), int.Parse(NodeOption("--port"), CultureInfo.InvariantCulture), int.Parse(NodeOption("--seed-port"), CultureInfo.InvariantCulture), CompareProfile.Default);
}

// starve --mode stop|duty|threadpool --seconds S [--nodes N] [--runs R]: both implementations, alternating.
if (args.Length > 0 && args[0] == "starve")
{
    string StarveOption(string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    var mode = StarveOption("--mode", "stop");
    var seconds = double.Parse(StarveOption("--seconds", "8"), CultureInfo.InvariantCulture);
    var nodeCount = int.Parse(StarveOption("--nodes", "7"), CultureInfo.InvariantCulture);
    var runCount = int.Parse(StarveOption("--runs", "1"), CultureInfo.InvariantCulture);
    Console.WriteLine($"{"implementation",-15} {"mode",-10} {"s",4} {"healthy marked",15} {"marks by starved",17} {"starved marked by",18} {"healthy downed",15} {"starved downed",15} {"converged",10}");
    for (var run = 0; run < runCount; run++)
    {
        foreach (var implementation in run % 2 == 0 ? new[] { "ours", "akka" } : ["akka", "ours"])
        {
            var r = await new AkkaConvergence.Benchmarks.Starvation.StarvationStudy(implementation, nodeCount, mode, TimeSpan.FromSeconds(seconds), TextWriter.Null).Run();
            Console.WriteLine($"{(r.Implementation == "ours" ? "AkkaConvergence" : "Akka.Cluster"),-15} {r.Mode,-10} {r.Duration.TotalSeconds,4} {r.HealthyMarkedUnreachable,15} {r.MarksByStarvedNode,17} {r.StarvedMarkedBy,18} {r.HealthyDowned,15} {r.StarvedDowned,15} {r.EndedConverged,10}");
        }
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
