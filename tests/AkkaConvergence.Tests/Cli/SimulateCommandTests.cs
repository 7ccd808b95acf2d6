using System.Text.Json;

namespace AkkaConvergence.Tests.Cli;

public class SimulateCommandTests
{
    [Fact]
    public void Json_output_has_the_documented_fields()
    {
        var (exitCode, output, _) = CliProcess.Run("simulate", "--nodes", "10", "--scenario", "join", "--json", "--steady-seconds", "2");

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(10, root.GetProperty("nodes").GetInt32());
        Assert.Equal("join", root.GetProperty("scenario").GetString());
        Assert.Equal(1, root.GetProperty("seed").GetInt32());
        Assert.True(root.GetProperty("converged").GetBoolean());
        foreach (var field in new[] { "virtualMillisToConvergence", "gossipRounds", "messages", "bytes", "maxMessageBytes", "bytesPerNodePerSecondSteady" })
        {
            Assert.True(root.GetProperty(field).GetDouble() > 0, field);
        }
    }

    [Fact]
    public void The_same_seed_replays_the_same_run_in_another_process()
    {
        string[] arguments = ["simulate", "--nodes", "15", "--scenario", "crash", "--loss", "0.05", "--jitter", "5", "--seed", "9", "--json", "--steady-seconds", "1"];

        var first = CliProcess.Run(arguments);
        var second = CliProcess.Run(arguments);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
    }

    [Theory]
    [InlineData("--loss", "3", "Loss")]
    [InlineData("--nodes", "0", "Nodes")]
    [InlineData("--scenario", "bogus", "bogus")]
    [InlineData("--nodes", "many", "many")]
    public void Bad_arguments_exit_non_zero_with_the_problem_named(string option, string value, string named)
    {
        var (exitCode, output, errors) = CliProcess.Run("simulate", option, value);

        Assert.Equal(2, exitCode);
        Assert.Contains(named, errors, StringComparison.Ordinal);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error:", errors, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Plot_writes_a_png_of_the_dissemination_curve()
    {
        var path = Path.Combine(Path.GetTempPath(), $"akka-convergence-{Guid.NewGuid():N}.png");
        try
        {
            var (exitCode, output, errors) = CliProcess.Run("simulate", "--nodes", "20", "--scenario", "join", "--steady-seconds", "0", "--plot", path);

            Assert.True(exitCode == 0, errors);
            Assert.Contains("plot written", output, StringComparison.Ordinal);
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.Length > 1000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
