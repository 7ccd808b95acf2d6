using AkkaConvergence.Simulation;

namespace AkkaConvergence.Cli;

/// <summary>Draws the dissemination curve of a simulation: the fraction of nodes that reached the goal over virtual time.</summary>
internal static class ProgressPlot
{
    public static void Save(SimulationReport report, string path)
    {
        var plot = new ScottPlot.Plot();
        var samples = report.Progress.Count > 0 ? report.Progress : [new ProgressSample(0, 0)];

        // A step line: the fraction holds until the next sample.
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < samples.Count; i++)
        {
            if (i > 0)
            {
                xs.Add(samples[i].VirtualMillis);
                ys.Add(samples[i - 1].Fraction);
            }

            xs.Add(samples[i].VirtualMillis);
            ys.Add(samples[i].Fraction);
        }

        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
        line.MarkerSize = 0;
        line.LineWidth = 2;
        plot.Title($"{report.Scenario}, {report.Nodes} nodes (seed {report.Seed}): {(report.Converged ? $"converged in {report.VirtualMillisToConvergence} ms" : "did not converge")}");
        plot.XLabel("virtual time since the change (ms)");
        plot.YLabel("fraction of live nodes that have seen it");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.SavePng(path, 900, 500);
    }
}
