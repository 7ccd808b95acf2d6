using System.Text.Json;

namespace AkkaConvergence.Tests.Cli;

public class LocalCommandTests
{
    [Fact]
    public void A_short_run_without_the_tour_forms_the_cluster_and_reports_it()
    {
        var (exitCode, output, errors) = CliProcess.Run("local", "--nodes", "3", "--no-tour", "--run-for", "0.5", "--json");

        Assert.True(exitCode == 0, errors);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(3, json.RootElement.GetProperty("nodes").GetInt32());
        var step = Assert.Single(json.RootElement.GetProperty("steps").EnumerateArray());
        Assert.Equal("formation", step.GetProperty("step").GetString());
        Assert.True(step.GetProperty("converged").GetBoolean());
    }

    [Fact]
    public void The_tour_converges_at_every_step_and_prints_plain_lines_without_a_terminal()
    {
        var (exitCode, output, errors) = CliProcess.Run("local", "--nodes", "4");

        Assert.True(exitCode == 0, errors + output);
        foreach (var step in new[] { "formation", "join", "state", "consensus", "leave", "starved", "crash-unreachable", "crash-removed", "restart" })
        {
            Assert.Contains($"== {step}:", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("NOT converged", output, StringComparison.Ordinal);
        Assert.DoesNotContain("starved-check", output, StringComparison.Ordinal); // The starved node was neither downed nor an accuser.
        Assert.Contains("MemberRemoved", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_count_out_of_range_is_refused()
    {
        var (exitCode, _, errors) = CliProcess.Run("local", "--nodes", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--nodes", errors, StringComparison.Ordinal);
    }
}
