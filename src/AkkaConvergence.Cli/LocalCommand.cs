using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AkkaConvergence.Cli.Local;
using Spectre.Console;

namespace AkkaConvergence.Cli;

/// <summary>
/// <c>local</c>: N nodes in this process on 127.0.0.1, a live view of each node's membership, and
/// a guided tour (join, graceful leave, crash with downing, restart on the old port), each step
/// timed until every node has converged on the result.
/// </summary>
internal static class LocalCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(TextWriter output, TextWriter errors)
    {
        var nodes = new Option<int>("--nodes") { Description = "How many nodes to start (2 to 50).", DefaultValueFactory = _ => 5 };
        var noTour = new Option<bool>("--no-tour") { Description = "Only form the cluster and keep it running until Ctrl+C." };
        var runFor = new Option<double?>("--run-for") { Description = "With --no-tour: stop after this many seconds instead of waiting for Ctrl+C." };
        var json = new Option<bool>("--json") { Description = "Print the step timings as one JSON object." };
        var command = new Command("local", "Start a local demo cluster and take a guided tour of joining, leaving, crashing and restarting.")
        {
            nodes, noTour, runFor, json,
        };
        command.SetAction(async (parse, token) =>
        {
            var count = parse.GetValue(nodes);
            if (count is < 2 or > 50)
            {
                await errors.WriteLineAsync($"error: --nodes must be between 2 and 50, was {count}.");
                return 2;
            }

            return await Run(count, !parse.GetValue(noTour), parse.GetValue(runFor), parse.GetValue(json), output, token);
        });
        return command;
    }

    private static async Task<int> Run(int nodeCount, bool tour, double? runFor, bool asJson, TextWriter output, CancellationToken token)
    {
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        string Clock() => time.GetElapsedTime(started).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(7);
        var interactive = !asJson && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var plain = !asJson && !interactive;
        var steps = new List<StepTiming>();
        var events = new EventLog(Clock, plain ? line => output.WriteLine(line) : null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        await using var cluster = new LocalCluster();
        var walk = new LocalTour(cluster, time, step =>
        {
            steps.Add(step);
            if (plain)
            {
                output.WriteLine($"{Clock()} == {step.Step}: {step.Description}: {(step.Converged ? $"{step.Millis} ms to convergence" : "NOT converged")}");
            }
        });

        if (plain)
        {
            output.WriteLine($"Starting {nodeCount} nodes on 127.0.0.1 (demo failure detection: heartbeat 200 ms, pause 1 s, stable-after 3 s).");
        }

        async Task Script()
        {
            var formation = await walk.Form(nodeCount);
            events.Attach(cluster.LiveNodes[0]);
            if (!formation.Converged)
            {
                return;
            }

            if (tour)
            {
                await walk.Run();
            }
            else
            {
                if (plain)
                {
                    output.WriteLine(runFor is { } s ? $"Running for {s} s." : "Running; press Ctrl+C to stop.");
                }

                try
                {
                    await Task.Delay(runFor is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop the demo.
                }
            }
        }

        if (interactive)
        {
            var script = Script();
            await AnsiConsole.Live(ClusterView.Render(cluster, steps, events)).StartAsync(async live =>
            {
                while (!script.IsCompleted)
                {
                    live.UpdateTarget(ClusterView.Render(cluster, [.. steps], events));
                    await Task.WhenAny(script, Task.Delay(200));
                }

                live.UpdateTarget(ClusterView.Render(cluster, [.. steps], events));
            });
            await script;
        }
        else
        {
            await Script();
        }

        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(new { nodes = nodeCount, steps }, Json));
        }

        return steps.All(s => s.Converged) ? 0 : 1;
    }
}
