using AkkaConvergence.Cli;

namespace AkkaConvergence.Tests.Cli;

public class NodeCommandTests
{
    [Fact]
    public void Seeds_and_roles_become_convergence_settings()
    {
        var config = NodeCommand.BuildConfig("127.0.0.1", 4053, "shop", ["127.0.0.1:4053", "127.0.0.1:4054"], "backend, seed", null);

        Assert.Equal(["akka.tcp://shop@127.0.0.1:4053", "akka.tcp://shop@127.0.0.1:4054"], config.GetStringList("akka.convergence.seed-nodes"));
        Assert.Equal(["backend", "seed"], config.GetStringList("akka.convergence.roles"));
        Assert.Equal(4053, config.GetInt("akka.remote.dot-netty.tcp.port"));
    }

    [Theory]
    [InlineData("--seed", "nohost")]
    [InlineData("--seed", "127.0.0.1:99999")]
    [InlineData("--port", "-5")]
    public void Bad_node_arguments_exit_non_zero_with_one_line(string option, string value)
    {
        string[] arguments = option == "--port"
            ? ["node", "--port", value, "--seed", "127.0.0.1:4053"]
            : ["node", "--port", "0", option, value];

        var (exitCode, _, errors) = CliProcess.Run(arguments);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error:", errors.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_process_joins_and_leaves_gracefully_on_sigterm()
    {
        var port = FreePorts.Next();
        using var node = CliProcess.Start("node", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", $"127.0.0.1:{port}");

        Assert.True(node.WaitForOutput("MemberUp", TimeSpan.FromSeconds(30)), node.Output);
        node.Terminate();

        Assert.True(node.WaitForExit(TimeSpan.FromSeconds(30)), node.Output);
        // A graceful leave shows in the node's own events, in order, after the signal; a process
        // that merely exited on SIGTERM would print none of them.
        var self = $"akka.tcp://convergence@127.0.0.1:{port}";
        var output = node.Output;
        var steps = new[] { "Leaving the cluster gracefully", $"MemberLeft {self}", $"MemberExited {self}", $"MemberRemoved {self} (was Exiting)", "stopped (member status Removed)" }
            .Select(line => output.IndexOf(line, StringComparison.Ordinal)).ToList();
        Assert.True(steps.All(at => at >= 0) && steps.SequenceEqual(steps.Order()), output);
        Assert.Equal(0, node.ExitCode);
    }
}
