using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AkkaConvergence.Benchmarks.Starvation;

/// <summary>
/// A cluster of node processes on 127.0.0.1 (this program, <c>bench-node</c>) of one
/// implementation; one of them is starved for a while — SIGSTOP for the whole time, a
/// SIGSTOP/SIGCONT duty cycle (100 ms running per 1.5 s), or its own thread pool blocked — and the
/// others' events are counted: healthy members marked unreachable, marks made by the starved node,
/// healthy members downed, and whether the cluster ends converged.
/// </summary>
internal sealed class StarvationStudy(string implementation, int nodes, string mode, TimeSpan duration, TextWriter log)
{
    private static readonly TimeSpan AfterFault = TimeSpan.FromSeconds(40);
    private readonly ConcurrentQueue<(TimeSpan At, string Line)> _lines = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<StarvationResult> Run()
    {
        var ports = Enumerable.Range(0, nodes).Select(_ => FreePort()).ToList();
        var processes = ports.Select(port => Start(port, ports[0])).ToList();
        try
        {
            await Until(() => ports.All(observer => ports.All(subject => Seen(observer, "up", subject))), TimeSpan.FromSeconds(90), "every node sees all Up");
            await Task.Delay(TimeSpan.FromSeconds(5));
            var victim = processes[^1];
            var victimPort = ports[^1];
            var faultStart = _clock.Elapsed;
            log.WriteLine($"{implementation}: starving node {victimPort} ({mode}) for {duration.TotalSeconds} s");
            await Starve(victim);
            await Task.Delay(AfterFault);
            foreach (var process in processes)
            {
                await process.StandardInput.WriteLineAsync("state");
            }

            await Until(() => _lines.Count(l => l.Line.StartsWith("STATE", StringComparison.Ordinal)) >= nodes, TimeSpan.FromSeconds(20), "every node reports its state");
            var events = _lines.Where(l => l.At >= faultStart && l.Line.StartsWith("EVENT", StringComparison.Ordinal))
                .Select(l => l.Line.Split(' ')).Select(w => (Observer: int.Parse(w[1]), Kind: w[2], Subject: int.Parse(w[3]))).ToList();
            var healthyStates = _lines.Where(l => l.Line.StartsWith("STATE", StringComparison.Ordinal)).Select(l => l.Line.Split(' ')).ToList();
            return new StarvationResult(
                implementation,
                mode,
                duration,
                HealthyMarkedUnreachable: events.Count(e => e is { Kind: "unreachable" } && e.Subject != victimPort && e.Observer != victimPort),
                MarksByStarvedNode: events.Count(e => e is { Kind: "unreachable" } && e.Observer == victimPort),
                StarvedMarkedBy: events.Where(e => e is { Kind: "unreachable" } && e.Subject == victimPort).Select(e => e.Observer).Distinct().Count(),
                HealthyDowned: events.Where(e => e is { Kind: "downed" } && e.Subject != victimPort).Select(e => e.Subject).Distinct().Count(),
                StarvedDowned: events.Any(e => e is { Kind: "downed" } && e.Subject == victimPort),
                EndedConverged: healthyStates.Where(w => int.Parse(w[1]) != victimPort).All(w => w.Contains("unreachable=0") && w.Contains("converged=True")));
        }
        finally
        {
            foreach (var process in processes)
            {
                Signal(process, "CONT");
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone (a downed node shuts itself down).
                }
            }
        }
    }

    private async Task Starve(Process victim)
    {
        var end = _clock.Elapsed + duration;
        switch (mode)
        {
            case "stop":
                Signal(victim, "STOP");
                await Task.Delay(duration);
                Signal(victim, "CONT");
                break;
            case "duty":
                while (_clock.Elapsed < end)
                {
                    Signal(victim, "STOP");
                    await Task.Delay(1_400);
                    Signal(victim, "CONT");
                    await Task.Delay(100);
                }

                break;
            case "threadpool":
                await victim.StandardInput.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"starve {duration.TotalSeconds}"));
                await Task.Delay(duration);
                break;
            default:
                throw new ArgumentException($"--mode must be stop, duty or threadpool, was '{mode}'.");
        }
    }

    private Process Start(int port, int seedPort)
    {
        string[] arguments = ["bench-node", "--impl", implementation, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed-port", seedPort.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var host = Environment.ProcessPath!;
        var viaDotnet = Path.GetFileNameWithoutExtension(host) == "dotnet"; // Run as `dotnet x.dll` rather than through the app host.
        var start = new ProcessStartInfo(host, viaDotnet ? [typeof(StarvationStudy).Assembly.Location, .. arguments] : arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _lines.Enqueue((_clock.Elapsed, line));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private bool Seen(int observer, string kind, int subject) =>
        _lines.Any(l => l.Line == $"EVENT {observer} {kind} {subject}");

    private static async Task Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(100);
        }
    }

    private static void Signal(Process process, string signal)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", $"-{signal} {process.Id}");
            kill.WaitForExit();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>What one starvation run counted (healthy = every node but the starved one).</summary>
internal sealed record StarvationResult(
    string Implementation,
    string Mode,
    TimeSpan Duration,
    int HealthyMarkedUnreachable,
    int MarksByStarvedNode,
    int StarvedMarkedBy,
    int HealthyDowned,
    bool StarvedDowned,
    bool EndedConverged);
