using System.Globalization;
using AkkaConvergence.Benchmarks.Compare;
using BenchmarkDotNet.Running;

// compare --nodes N --runs R [--profile default|fast] [--json] [--idle-only]: the side-by-side harness.
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
        var rows = await new SideBySide(nodes, runs, profile, args.Contains("--idle-only"), progress).Run();
        SideBySide.Print(rows, json, Console.Out);
        return 0;
    }
    catch (Exception e) when (e is ArgumentException or FormatException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 2;
    }
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
