using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AkkaConvergence.Benchmarks.StateCompare;

/// <summary>
/// The key/value state of AkkaConvergence and of Proto.Cluster side by side in one process, each
/// with its own defaults, alternating which goes first. Per run and system: form N members; then
/// samples of "member 0 writes, until every member reads it"; then the bytes each member sends
/// per second, idle and while every member writes its own key once a second (loopback bytes, the
/// same meter for both).
/// </summary>
internal sealed class StateSideBySide(int nodes, int runs, int samples, TimeSpan window, TextWriter progress)
{
    private static readonly TimeSpan FormationLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PropagationLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, List<RunFigures>> _figures = [];
    private readonly Random _random = new(17);

    public async Task<IReadOnlyList<StateComparisonRow>> Run()
    {
        for (var run = 1; run <= runs; run++)
        {
            Func<IStateClusterUnderTest>[] order = run % 2 == 1
                ? [() => new ConvergenceStateCluster(), () => new ProtoStateCluster()]
                : [() => new ProtoStateCluster(), () => new ConvergenceStateCluster()];
            foreach (var create in order)
            {
                await using var target = create();
                var figures = await RunOnce(target);
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run} {target.Name,-16} formation {figures.FormationMs:0} ms, write seen by all p50 {Quantile(figures.SeenByAllMs, 0.5):0} / p99 {Quantile(figures.SeenByAllMs, 0.99):0} ms, idle {figures.IdleBytesPerNodePerSecond:0} B/node/s, 1 write/member/s {figures.LoadBytesPerNodePerSecond:0} B/node/s ({figures.LoadWrites} writes)"));
                if (!_figures.TryGetValue(target.Name, out var list))
                {
                    _figures[target.Name] = list = [];
                }

                list.Add(figures);
            }
        }

        var ours = _figures["AkkaConvergence"];
        var proto = _figures["Proto.Cluster"];
        double Median(IEnumerable<double> values) => Quantile([.. values], 0.5);
        return
        [
            new("formation-ms", Median(ours.Select(f => f.FormationMs)), Median(proto.Select(f => f.FormationMs))),
            new("write-seen-by-all-p50-ms", Quantile([.. ours.SelectMany(f => f.SeenByAllMs)], 0.5), Quantile([.. proto.SelectMany(f => f.SeenByAllMs)], 0.5)),
            new("write-seen-by-all-p99-ms", Quantile([.. ours.SelectMany(f => f.SeenByAllMs)], 0.99), Quantile([.. proto.SelectMany(f => f.SeenByAllMs)], 0.99)),
            new("write-seen-by-all-max-ms", ours.SelectMany(f => f.SeenByAllMs).Max(), proto.SelectMany(f => f.SeenByAllMs).Max()),
            new("idle-bytes-per-node-s", Median(ours.Select(f => f.IdleBytesPerNodePerSecond)), Median(proto.Select(f => f.IdleBytesPerNodePerSecond))),
            new("load-bytes-per-node-s", Median(ours.Select(f => f.LoadBytesPerNodePerSecond)), Median(proto.Select(f => f.LoadBytesPerNodePerSecond))),
            new("load-minus-idle-bytes-per-node-s", Median(ours.Select(f => f.LoadBytesPerNodePerSecond - f.IdleBytesPerNodePerSecond)), Median(proto.Select(f => f.LoadBytesPerNodePerSecond - f.IdleBytesPerNodePerSecond))),
        ];
    }

    public static void Print(IReadOnlyList<StateComparisonRow> rows, int nodes, bool json, TextWriter output)
    {
        foreach (var row in rows)
        {
            output.WriteLine(json
                ? JsonSerializer.Serialize(new { figure = row.Figure, nodes, ours = row.Ours, proto = row.Proto, ratio = row.Ratio })
                : string.Create(CultureInfo.InvariantCulture, $"{row.Figure,-34} {row.Ours,12:0.0} {row.Proto,14:0.0} {row.Ratio,7:0.00}"));
        }
    }

    private async Task<RunFigures> RunOnce(IStateClusterUnderTest target)
    {
        var formed = Stopwatch.StartNew();
        await target.Form(nodes, FormationLimit);
        var formationMs = formed.Elapsed.TotalMilliseconds;
        await Task.Delay(Settle);

        var seen = new List<double>(samples);
        for (var sample = 0; sample < samples; sample++)
        {
            var value = $"sample-{sample}-{Guid.NewGuid():N}";
            var started = Stopwatch.StartNew();
            await target.SetOnFirst("bench", value).WaitAsync(TimeSpan.FromSeconds(10));
            while (!await target.AllSee("bench", value))
            {
                if (started.Elapsed > PropagationLimit)
                {
                    throw new TimeoutException($"{target.Name}: a write was not seen by all {nodes} members within {PropagationLimit.TotalSeconds} s.");
                }

                await Task.Delay(5);
            }

            seen.Add(started.Elapsed.TotalMilliseconds);
            await Task.Delay(_random.Next(100, 400)); // Not in step with either gossip timer.
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var idle = await BytesPerNodePerSecond();

        using var stop = new CancellationTokenSource();
        var writes = 0L;
        var writers = Enumerable.Range(0, nodes).Select(member => Task.Run(async () =>
        {
            var phase = TimeSpan.FromMilliseconds(_random.Next(0, 1000));
            try
            {
                await Task.Delay(phase, stop.Token);
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
                for (var value = 1L; await timer.WaitForNextTickAsync(stop.Token); value++)
                {
                    await target.SetOn(member, "load", value).WaitAsync(TimeSpan.FromSeconds(5), stop.Token);
                    Interlocked.Increment(ref writes);
                }
            }
            catch (OperationCanceledException)
            {
                // The load window is over.
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2)); // Every writer has started.
        var writesBefore = Interlocked.Read(ref writes);
        var loaded = await BytesPerNodePerSecond();
        var loadWrites = Interlocked.Read(ref writes) - writesBefore;
        await stop.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(10));
        return new RunFigures(formationMs, seen, idle, loaded, loadWrites);
    }

    private async Task<double> BytesPerNodePerSecond()
    {
        var before = LoopbackBytes.Sent();
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        return (LoopbackBytes.Sent() - before) / clock.Elapsed.TotalSeconds / nodes;
    }

    private static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed record RunFigures(double FormationMs, IReadOnlyList<double> SeenByAllMs, double IdleBytesPerNodePerSecond, double LoadBytesPerNodePerSecond, long LoadWrites);
}

/// <summary>One figure of both systems (medians over runs; quantiles over every sample of every run) and ours / Proto's.</summary>
internal sealed record StateComparisonRow(string Figure, double Ours, double Proto)
{
    public double Ratio => Proto == 0 ? double.NaN : Ours / Proto;
}
